package org.netservof.bridge.steering;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.netservof.bridge.api.ServiceInfo;
import org.netservof.bridge.api.SteeringListener;
import org.netservof.controller.api.Command;
import org.netservof.controller.api.MessageContext;
import org.netservof.controller.api.MessageListener;
import org.netservof.controller.api.OFSwitch;
import org.netservof.policy.layout.Cookie;
import org.netservof.policy.steering.SteeringLayout;
import org.projectfloodlight.openflow.protocol.OFFlowRemoved;
import org.projectfloodlight.openflow.protocol.OFFlowStatsEntry;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.match.Match;
import org.projectfloodlight.openflow.types.DatapathId;
import org.projectfloodlight.openflow.types.U64;

/**
 * Each service's packets and bytes, from the flow statistics of its steering entries as the switches report them:
 * {@code netserv_service_packets_total{service,user}} and {@code netserv_service_bytes_total{service,user}}; and
 * {@code netserv_steering_entries{switch}}, the steering entries each switch held at its last read.
 *
 * <p>What counts is the entries that send a service's packets toward a node at their ingress edge port, each steered
 * packet once: classifiers (proactive) and per-flow entries (reactive). Not traps (the first packet of a reactive
 * flow goes up to the controller and is sent on from there) nor tunnels (shared by every service of a node, and a
 * packet crosses several). Counters grow by what each entry gained since the previous read; an entry first seen
 * counts whole (its counters started at its install), one whose counters went down was written anew and counts
 * from zero. A reactive per-flow entry's last packets are counted from the FLOW_REMOVED its switch sends when
 * its idle timeout takes it; a read that was answered before that removal arrived does not count it again.
 * Thread-safe.
 */
final class ServiceCounters implements SteeringListener, MessageListener {
  private record EntryKey(int priority, Match match, U64 cookie) {}

  /** An entry's counters at the last read; {@code removed}: its final counters, from the switch's FLOW_REMOVED. */
  private record Seen(long packets, long bytes, boolean removed) {}

  private record ServiceMeters(Counter packets, Counter bytes) {}

  private final MeterRegistry registry;
  private final Supplier<Snapshot> snapshot;
  // Under this object's lock. Kept for a switch that disconnects: its entries and counters outlive the connection.
  private final Map<DatapathId, Map<EntryKey, Seen>> seen = new HashMap<>();
  private final Map<Integer, ServiceMeters> services = new ConcurrentHashMap<>();
  private final Map<DatapathId, AtomicInteger> entries = new ConcurrentHashMap<>();
  private final Map<DatapathId, Gauge> entryGauges = new ConcurrentHashMap<>();

  ServiceCounters(MeterRegistry registry, Supplier<Snapshot> snapshot) {
    this.registry = registry;
    this.snapshot = snapshot;
  }

  /** One switch's steering entries as it reported them (every entry with steering's cookie); the stats thread. */
  synchronized void read(DatapathId dpid, List<OFFlowStatsEntry> stats) {
    Map<EntryKey, Seen> before = seen.getOrDefault(dpid, Map.of());
    Map<EntryKey, Seen> now = new HashMap<>();
    for (OFFlowStatsEntry e : stats) {
      EntryKey key = new EntryKey(e.getPriority(), e.getMatch(), e.getCookie());
      Seen is = new Seen(e.getPacketCount().getValue(), e.getByteCount().getValue(), false);
      Seen was = before.get(key);
      if (was != null && was.removed() && is.packets() <= was.packets()) {
        now.put(key, was); // read before its removal reached us: counted to its end already
      } else if (count(key.cookie(), was, is)) {
        now.put(key, is);
      }
    }
    seen.put(dpid, now);
    entries.computeIfAbsent(dpid, this::entryGauge).set(stats.size());
  }

  /**
   * A per-flow entry's final counters, which the switch sends when the entry goes (idle timeout, or deleted): what
   * it counted since the last read is counted too. Called on the switch's I/O thread; never blocks for long.
   */
  @Override
  public Command receive(OFSwitch sw, OFMessage message, MessageContext context) {
    if (message instanceof OFFlowRemoved r) {
      EntryKey key = new EntryKey(r.getPriority(), r.getMatch(), r.getCookie());
      Seen last = new Seen(r.getPacketCount().getValue(), r.getByteCount().getValue(), true);
      synchronized (this) {
        Map<EntryKey, Seen> known = seen.computeIfAbsent(sw.id(), d -> new HashMap<>());
        if (count(key.cookie(), known.get(key), last)) {
          known.put(key, last);
        }
      }
    }
    return Command.CONTINUE;
  }

  /**
   * Adds what an entry counted since {@code was} to its service: all of {@code is} when it is new, or its counters
   * went down (it was written anew). Answers whether the entry is one that counts (see the class comment).
   */
  private boolean count(U64 value, Seen was, Seen is) {
    Cookie cookie = Cookie.read(value).orElse(null);
    if (cookie == null || !steers(cookie)) {
      return false;
    }
    Snapshot.Active service = snapshot.get().byId().get(cookie.service());
    if (service != null) {
      boolean fresh = was == null || was.packets() > is.packets() || was.bytes() > is.bytes();
      ServiceMeters m = metersOf(service.info());
      m.packets().increment(fresh ? is.packets() : is.packets() - was.packets());
      m.bytes().increment(fresh ? is.bytes() : is.bytes() - was.bytes());
    }
    return true;
  }

  /** Switches that are no longer connected lose their entry gauge. */
  void connected(Set<DatapathId> switches) {
    for (DatapathId gone : Set.copyOf(entryGauges.keySet())) {
      if (!switches.contains(gone)) {
        registry.remove(entryGauges.remove(gone));
        entries.remove(gone);
      }
    }
  }

  @Override
  public void serviceRemoved(ServiceInfo service, String reason) {
    forget(service.id());
  }

  /** A service went: its counters go with it. */
  void forget(int serviceId) {
    ServiceMeters m = services.remove(serviceId);
    if (m != null) {
      registry.remove(m.packets());
      registry.remove(m.bytes());
    }
  }

  /** Services that are no longer registered (gone while no listener heard, say on another member) lose theirs. */
  void retainRegistered() {
    Set<Integer> registered = snapshot.get().byId().keySet();
    Set.copyOf(services.keySet()).stream().filter(id -> !registered.contains(id)).forEach(this::forget);
  }

  private static boolean steers(Cookie cookie) {
    return cookie.detail() == SteeringLayout.CLASSIFIER || cookie.detail() == SteeringLayout.FLOW;
  }

  private ServiceMeters metersOf(ServiceInfo info) {
    return services.computeIfAbsent(info.id(), id -> {
      String user = info.request().user().orElse("");
      return new ServiceMeters(
          Counter.builder("netserv.service.packets").description("Packets steered toward the service's nodes, "
              + "from its ingress entries' flow statistics").tag("service", Integer.toString(id)).tag("user", user)
              .baseUnit("packets").register(registry),
          Counter.builder("netserv.service.bytes").description("Bytes steered toward the service's nodes, "
              + "from its ingress entries' flow statistics").tag("service", Integer.toString(id)).tag("user", user)
              .baseUnit("bytes").register(registry));
    });
  }

  private AtomicInteger entryGauge(DatapathId dpid) {
    AtomicInteger count = new AtomicInteger();
    entryGauges.put(dpid, Gauge.builder("netserv.steering.entries", count, AtomicInteger::get)
        .description("Steering's flow entries on the switch at its last statistics read")
        .tag("switch", dpid.toString()).register(registry));
    return count;
  }
}
