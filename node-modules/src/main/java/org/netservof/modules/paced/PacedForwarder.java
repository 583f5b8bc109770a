package org.netservof.modules.paced;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import org.netservof.node.api.ModuleContext;
import org.netservof.node.api.ModuleProperties;
import org.netservof.node.api.NetServModule;
import org.netservof.node.api.Packet;
import org.netservof.node.api.Verdict;

/**
 * A node whose capacity is fixed by design, for measuring lateral scaling: one server that spends
 * {@code service-us} microseconds (default 1,000: 1,000 packets a second) on every packet, in front of it a
 * queue of {@code queue} packets (default 50); a packet that finds the queue full is dropped and counted.
 *
 * <p>The server and its queue are kept in virtual time (when the server will have finished the packets
 * admitted so far) and admitted packets go on at once. Why not hold each packet for its service time: the
 * container calls its modules one packet at a time on one thread, so a module that sleeps moves the queue
 * into the kernel's socket buffer, where the module neither bounds nor counts it. Kept in virtual time, a
 * node costs the machine only the reading of its packets: on a small machine the capacity of a pool of N
 * nodes is then N times one node's by construction, and an experiment that grows the pool measures how
 * the fabric steers and spreads flows, not how CPU is shared. Frames that are not IPv4 pass uncounted.
 */
public final class PacedForwarder implements NetServModule {
  private final LongAdder passed = new LongAdder();
  private final LongAdder dropped = new LongAdder();
  private long serviceNanos = 1_000_000L;
  private int queue = 50;
  /** When the server will have finished every packet admitted so far (the context's clock). */
  private long busyUntil;

  @Override
  public void start(ModuleContext context) {
    serviceNanos = ModuleProperties.positiveLong(context.properties(), "service-us", serviceNanos / 1000) * 1000;
    queue = ModuleProperties.positiveInt(context.properties(), "queue", queue);
    busyUntil = context.nanoTime();
  }

  @Override
  public Verdict process(Packet packet, ModuleContext context) {
    if (!packet.isIpv4()) {
      return Verdict.FORWARD;
    }
    long now = context.nanoTime();
    long start = Math.max(busyUntil, now);
    // Packets waiting ahead of this one: the work left beyond the one in service, in whole packets.
    long waiting = (start - now + serviceNanos - 1) / serviceNanos - 1;
    if (waiting >= queue) {
      dropped.increment();
      return Verdict.DROP;
    }
    busyUntil = start + serviceNanos;
    passed.increment();
    return Verdict.FORWARD;
  }

  @Override
  public Map<String, Object> report() {
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("service-us", serviceNanos / 1000);
    report.put("queue", queue);
    report.put("capacity-pps", 1_000_000_000L / serviceNanos);
    report.put("passed", passed.sum());
    report.put("dropped", dropped.sum());
    return report;
  }
}
