package org.netservof.node.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.netservof.node.api.ModuleContext;
import org.netservof.node.api.Packet;

/** A module context for tests: given properties, a clock moved by hand, the packets a module emitted and
 * the reports it published. */
public final class TestContext implements ModuleContext {
  private final Map<String, String> properties;
  private final List<Packet> emitted = new ArrayList<>();
  private final List<Map<String, Object>> published = new ArrayList<>();
  private long now = 1_000_000_000L;

  public TestContext(Map<String, String> properties) {
    this.properties = Map.copyOf(properties);
  }

  @Override
  public Map<String, String> properties() {
    return properties;
  }

  @Override
  public void emit(Packet packet) {
    emitted.add(packet);
  }

  @Override
  public long nanoTime() {
    return now;
  }

  public void advanceNanos(long nanos) {
    now += nanos;
  }

  /** The reports the module published, in order. */
  public List<Map<String, Object>> published() {
    return published;
  }

  public List<Packet> emitted() {
    return emitted;
  }

  @Override
  public void publish(Map<String, Object> report) {
    published.add(report);
  }
}
