package org.netservof.bridge.steering;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.netservof.bridge.api.MeterViolation;
import org.projectfloodlight.openflow.protocol.OFMeterBandStats;
import org.projectfloodlight.openflow.protocol.OFMeterStats;
import org.projectfloodlight.openflow.types.DatapathId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Packets the users' meters dropped (their caps at work), from the switches' OpenFlow 1.3 meter statistics:
 * {@code netserv_user_meter_drops_total{user}}, added up over every switch. A user meter's drop band is its only
 * band, so its band counts are its drops. A rise between two reads of one switch is also a {@link MeterViolation}
 * for steering's listeners (the events stream). A meter first seen counts whole (it counted from its install; that
 * is no rise between two reads, so no violation); one whose counts went down was made anew and counts from zero.
 * Stats thread only.
 */
final class MeterDrops {
  private static final Logger log = LoggerFactory.getLogger(MeterDrops.class);

  private record Seen(long packets, long bytes) {}

  private final MeterRegistry registry;
  private final SteeringListeners listeners;
  private final Supplier<Map<Integer, String>> users;
  private final Map<DatapathId, Map<Long, Seen>> seen = new HashMap<>();
  private final Map<String, Counter> byUser = new ConcurrentHashMap<>();

  /**
   * @param users meter id to the user whose cap it is, as the caps are now; other meters (the controller's own) are
   *     not counted
   */
  MeterDrops(MeterRegistry registry, SteeringListeners listeners, Supplier<Map<Integer, String>> users) {
    this.registry = registry;
    this.listeners = listeners;
    this.users = users;
  }

  /**
   * One switch's meter statistics.
   *
   * @param at when the statistics were read
   */
  void read(DatapathId dpid, List<OFMeterStats> stats, Instant at) {
    Map<Integer, String> users = this.users.get();
    Map<Long, Seen> before = seen.getOrDefault(dpid, Map.of());
    Map<Long, Seen> now = new HashMap<>();
    for (OFMeterStats m : stats) {
      String user = users.get((int) m.getMeterId());
      if (user == null) {
        continue;
      }
      Seen is = new Seen(0, 0);
      for (OFMeterBandStats band : m.getBandStats()) {
        is = new Seen(is.packets() + band.getPacketBandCount().getValue(),
            is.bytes() + band.getByteBandCount().getValue());
      }
      now.put(m.getMeterId(), is);
      Seen was = before.get(m.getMeterId());
      boolean fresh = was == null || was.packets() > is.packets() || was.bytes() > is.bytes();
      long packets = fresh ? is.packets() : is.packets() - was.packets();
      counterOf(user).increment(packets);
      if (was != null && packets > 0) {
        long bytes = fresh ? is.bytes() : is.bytes() - was.bytes();
        MeterViolation v = new MeterViolation(user, dpid.toString(), m.getMeterId(), packets, bytes, at);
        log.info("user {} over its cap at switch {}: meter {} dropped {} packets ({} bytes) since the last read",
            user, dpid, m.getMeterId(), packets, bytes);
        listeners.tell(l -> l.violation(v));
      }
    }
    seen.put(dpid, now);
  }

  private Counter counterOf(String user) {
    return byUser.computeIfAbsent(user, u -> Counter.builder("netserv.user.meter.drops")
        .description("Packets the user's meters dropped: its traffic over its cap (max-rate-kbps)")
        .tag("user", u).register(registry));
  }
}
