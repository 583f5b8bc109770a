package org.netservof.node.container;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.netservof.node.api.ModuleContext;
import org.netservof.node.api.Packet;

/**
 * What a module in a container's chain sees: its install (or latest update's) properties, the container's
 * clock, the chain's list of packets emitted while the current packet is processed (sent after it), and where
 * its published reports go (through its {@link org.netservof.protocol.node.ReportLimits}).
 */
record ChainContext(Map<String, String> properties, List<Packet> emitted, LongSupplier clock,
    Consumer<Map<String, Object>> reports) implements ModuleContext {
  @Override
  public void emit(Packet packet) {
    emitted.add(packet);
  }

  @Override
  public void publish(Map<String, Object> report) {
    reports.accept(report);
  }

  @Override
  public long nanoTime() {
    return clock.getAsLong();
  }
}
