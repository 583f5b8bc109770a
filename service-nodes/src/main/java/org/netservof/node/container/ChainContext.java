package org.netservof.node.container;

import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.netservof.node.api.ModuleContext;
import org.netservof.node.api.Packet;

/**
 * What a module in a container's chain sees: its install properties, the container's clock, and the
 * chain's list of packets emitted while the current packet is processed (sent after it).
 */
record ChainContext(Map<String, String> properties, List<Packet> emitted, LongSupplier clock)
    implements ModuleContext {
  @Override
  public void emit(Packet packet) {
    emitted.add(packet);
  }

  @Override
  public long nanoTime() {
    return clock.getAsLong();
  }
}
