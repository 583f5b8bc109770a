package org.netservof.controller.core;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;
import org.projectfloodlight.openflow.types.DatapathId;
import org.projectfloodlight.openflow.types.OFPort;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PacketIn budgets of one switch: a token bucket per port, checked before the listener chain, so that one
 * flooding host costs the controller at most its port's rate and the other ports keep theirs. Ports the switch
 * has not announced share one bucket, so a switch that invents port numbers cannot grow the map. Drops are
 * counted and reported in one log line per {@link #REPORT_EVERY_NANOS} at most. Confined to the connection's
 * event loop; time is the loop's ticker, passed in.
 */
final class PacketInBudget {
  private static final Logger log = LoggerFactory.getLogger(PacketInBudget.class);
  static final long REPORT_EVERY_NANOS = TimeUnit.SECONDS.toNanos(10);

  /** Tokens of one port, refilled by the time since the last PacketIn. */
  private static final class Bucket {
    double tokens;
    long lastNanos;

    Bucket(double tokens, long lastNanos) {
      this.tokens = tokens;
      this.lastNanos = lastNanos;
    }
  }

  private final DatapathId dpid;
  private final double perNano;
  private final double burst;
  private final Predicate<OFPort> known;
  private final LongAdder droppedTotal;
  private final Map<OFPort, Bucket> buckets = new HashMap<>();
  private long dropped;
  private long droppedSinceReport;
  private long lastReportNanos;
  private boolean reported;

  /**
   * @param known whether the switch announced the port (others share one bucket)
   * @param droppedTotal counts drops across switches too
   */
  PacketInBudget(DatapathId dpid, int ratePerSecond, int burst, Predicate<OFPort> known, LongAdder droppedTotal) {
    this.dpid = dpid;
    this.perNano = ratePerSecond / 1e9;
    this.burst = burst;
    this.known = known;
    this.droppedTotal = droppedTotal;
  }

  /** Takes a token of the port's bucket; false (counted, reported now and then) when there is none. */
  boolean admit(OFPort port, long nowNanos) {
    OFPort key = known.test(port) ? port : OFPort.ANY;
    Bucket b = buckets.computeIfAbsent(key, k -> new Bucket(burst, nowNanos));
    b.tokens = Math.min(burst, b.tokens + Math.max(0, nowNanos - b.lastNanos) * perNano);
    b.lastNanos = nowNanos;
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return true;
    }
    dropped++;
    droppedSinceReport++;
    droppedTotal.increment();
    if (!reported || nowNanos - lastReportNanos >= REPORT_EVERY_NANOS) {
      log.warn("switch {} port {}: PacketIns over the budget of {}/s (burst {}); {} dropped since the last report, "
          + "{} in all from this switch", dpid, key == OFPort.ANY ? "(unannounced)" : port, Math.round(perNano * 1e9),
          Math.round(burst), droppedSinceReport, dropped);
      droppedSinceReport = 0;
      lastReportNanos = nowNanos;
      reported = true;
    }
    return false;
  }

  /** PacketIns of this switch dropped so far. */
  long dropped() {
    return dropped;
  }

  /** Forgets the bucket of a port that went away. */
  void forget(OFPort port) {
    buckets.remove(port);
  }
}
