package org.example;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.netservof.node.api.ModuleContext;
import org.netservof.node.api.NetServModule;
import org.netservof.node.api.Packet;
import org.netservof.node.api.Verdict;

/**
 * A first NetServ module (docs/experimenters.md): counts the packets steered through it, per UDP source port,
 * and forwards every one unchanged. The node calls process() for each packet and report() for its heartbeats,
 * which carry the report to the controller's REST API.
 */
public class FlowCounter implements NetServModule {
  private final LongAdder packets = new LongAdder();
  private final Map<Integer, LongAdder> bySourcePort = new ConcurrentHashMap<>();

  @Override
  public Verdict process(Packet packet, ModuleContext context) {
    packets.increment();
    if (packet.isUdp()) {
      bySourcePort.computeIfAbsent(packet.sourcePort(), port -> new LongAdder()).increment();
    }
    return Verdict.FORWARD;
  }

  @Override
  public Map<String, Object> report() {
    Map<String, Long> flows = new TreeMap<>();
    bySourcePort.forEach((port, count) -> flows.put(String.valueOf(port), count.sum()));
    return Map.of("packets", packets.sum(), "flows", flows);
  }
}
