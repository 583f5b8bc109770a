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
import org.netservof.policy.layout.Cookie;
import org.netservof.policy.steering.SteeringLayout;
import org.projectfloodlight.openflow.protocol.OFFlowStatsEntry;
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
 * from zero. A reactive entry's packets after its last read, before its idle timeout took it, are not counted.
 *
 * <p>{@link #read} runs on the stats thread only; {@link #forget} may come from any thread.
 */
final class ServiceCounters implements SteeringListener {
  private record EntryKey(int priority, Match match, U64 cookie) {}

  private record Seen(long packets, long bytes) {}

  private record ServiceMeters(Counter packets, Counter bytes) {}

  private final MeterRegistry registry;
  private final Supplier<Snapshot> snapshot;
  // Stats thread only. Kept for a switch that disconnects: its entries and counters outlive the connection.
  private final Map<DatapathId, Map<EntryKey, Seen>> seen = new HashMap<>();
  private final Map<Integer, ServiceMeters> services = new ConcurrentHashMap<>();
  private final Map<DatapathId, AtomicInteger> entries = new ConcurrentHashMap<>();
  private final Map<DatapathId, Gauge> entryGauges = new ConcurrentHashMap<>();

  ServiceCounters(MeterRegistry registry, Supplier<Snapshot> snapshot) {
    this.registry = registry;
    this.snapshot = snapshot;
  }

  /** One switch's steering entries as it reported them (every entry with steering's cookie). */
  void read(DatapathId dpid, List<OFFlowStatsEntry> stats) {
    Map<Integer, Snapshot.Active> byId = snapshot.get().byId();
    Map<EntryKey, Seen> before = seen.getOrDefault(dpid, Map.of());
    Map<EntryKey, Seen> now = new HashMap<>();
    for (OFFlowStatsEntry e : stats) {
      Cookie cookie = Cookie.read(e.getCookie()).orElse(null);
      if (cookie == null || !steers(cookie)) {
        continue;
      }
      EntryKey key = new EntryKey(e.getPriority(), e.getMatch(), e.getCookie());
      Seen is = new Seen(e.getPacketCount().getValue(), e.getByteCount().getValue());
      now.put(key, is);
      Snapshot.Active service = byId.get(cookie.service());
      if (service != null) {
        Seen was = before.get(key);
        boolean fresh = was == null || was.packets() > is.packets() || was.bytes() > is.bytes();
        ServiceMeters m = metersOf(service.info());
        m.packets().increment(fresh ? is.packets() : is.packets() - was.packets());
        m.bytes().increment(fresh ? is.bytes() : is.bytes() - was.bytes());
      }
    }
    seen.put(dpid, now);
    entries.computeIfAbsent(dpid, this::entryGauge).set(stats.size());
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
