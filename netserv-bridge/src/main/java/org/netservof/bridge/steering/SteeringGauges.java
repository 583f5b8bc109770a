package org.netservof.bridge.steering;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.netservof.bridge.api.AgentView;
import org.netservof.bridge.api.ContainerView;
import org.netservof.bridge.api.NodeView;
import org.netservof.bridge.api.ServiceInfo;
import org.netservof.bridge.api.SteeringListener;
import org.netservof.bridge.api.SteeringMode;

/**
 * Steering's state as gauges, counted from the current snapshot when Prometheus scrapes (in memory, no I/O):
 * {@code netserv_services{state,mode}}, {@code netserv_service_leases_expiring{within="60s"}},
 * {@code netserv_nodes{state}}, {@code netserv_containers{state}}; and, as a listener, the counter
 * {@code netserv_service_leases_expired_total}.
 */
final class SteeringGauges implements SteeringListener {
  /** A lease ending within this is "expiring". */
  static final Duration EXPIRING_WITHIN = Duration.ofSeconds(60);
  private final Supplier<Snapshot> snapshot;
  private final Counter expired;

  SteeringGauges(MeterRegistry registry, Supplier<Snapshot> snapshot, Clock clock) {
    this.snapshot = snapshot;
    this.expired = Counter.builder("netserv.service.leases.expired")
        .description("Services removed because their lease (ttl) ran out unrefreshed").register(registry);
    for (SteeringMode mode : SteeringMode.values()) {
      for (boolean steered : new boolean[] {true, false}) {
        Gauge.builder("netserv.services", () -> services(mode, steered)).description("Registered services; "
            + "active: steered to healthy nodes; fail_open: no healthy node, their traffic goes its normal way")
            .tag("state", steered ? "active" : "fail_open").tag("mode", mode.name().toLowerCase(Locale.ROOT))
            .register(registry);
      }
    }
    Gauge.builder("netserv.service.leases.expiring", () -> expiring(clock.instant()))
        .description("Services whose lease ends within a minute unless refreshed")
        .tag("within", EXPIRING_WITHIN.toSeconds() + "s").register(registry);
    nodes(registry, "healthy", n -> n.healthy() && !n.draining());
    nodes(registry, "unhealthy", n -> !n.healthy() && !n.draining());
    nodes(registry, "draining", NodeView::draining);
    containers(registry, "ready", (agent, c) -> c.running() && agent.readyUsers().contains(c.user()));
    containers(registry, "starting", (agent, c) -> c.running() && !agent.readyUsers().contains(c.user()));
    containers(registry, "stopped", (agent, c) -> !c.running());
  }

  @Override
  public void serviceRemoved(ServiceInfo service, String reason) {
    if ("ttl expired".equals(reason)) {
      expired.increment();
    }
  }

  private long services(SteeringMode mode, boolean steered) {
    Snapshot snap = snapshot.get();
    return snap.services().stream().filter(s -> s.info().request().mode() == mode)
        .filter(s -> snap.healthy(s.audience()).isEmpty() != steered).count();
  }

  private long expiring(Instant now) {
    Instant by = now.plus(EXPIRING_WITHIN);
    return snapshot.get().services().stream().map(s -> s.info().expiresAt())
        .filter(e -> e.isPresent() && !e.get().isAfter(by)).count();
  }

  private void nodes(MeterRegistry registry, String state, Predicate<NodeView> in) {
    Gauge.builder("netserv.nodes", () -> nodes().stream().filter(in).count())
        .description("Service nodes by state (draining: no new flows, whatever its health)")
        .tag("state", state).register(registry);
  }

  private interface ContainerState {
    boolean in(AgentView agent, ContainerView container);
  }

  private void containers(MeterRegistry registry, String state, ContainerState in) {
    Gauge.builder("netserv.containers", () -> nodes().stream().flatMap(n -> n.agent().stream())
        .mapToLong(a -> a.containers().stream().filter(c -> in.in(a, c)).count()).sum())
        .description("Users' containers on the nodes, as their agents last reported them; ready: takes the "
            + "user's traffic").tag("state", state).register(registry);
  }

  private Collection<NodeView> nodes() {
    Map<String, NodeView> all = snapshot.get().nodes();
    return all.values();
  }
}
