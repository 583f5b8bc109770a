package org.netservof.bridge.steering;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.netservof.controller.api.SwitchService;

/**
 * Steering's meters, wired once: the gauges of services, leases, nodes and containers (read from the snapshot when
 * scraped), and the {@link StatsPoller} that reads the switches' flow and meter statistics for the services'
 * traffic and the users' meter drops every {@code service-stats-interval}; and reactive steering's tracked flows,
 * flows left unsteered, and spoofed marks dropped.
 */
record SteeringMetrics(SteeringGauges gauges, ServiceCounters services, StatsPoller poller) {

  static SteeringMetrics bind(MeterRegistry registry, Steering steering, SwitchService switches, Clock clock) {
    SteeringState state = steering.state();
    SteeringGauges gauges = new SteeringGauges(registry, state::snapshot, clock);
    ServiceCounters services = new ServiceCounters(registry, state::snapshot);
    StatsPoller poller = new StatsPoller(switches, new StatsPoller.Feeds(services,
        new MeterDrops(registry, steering.listeners(), state.meters::users), new NodeCounters(registry, state::snapshot)),
        clock);
    ReactiveSteering reactive = steering.reactive();
    Gauge.builder("netserv.steering.flows.tracked", reactive::trackedFlows)
        .description("Reactive per-flow entries steering tracks (bounded by steering.max-flow-entries)")
        .register(registry);
    FunctionCounter.builder("netserv.steering.flows.unsteered", reactive, ReactiveSteering::untrackedFlows)
        .description("New flows of reactive services left unsteered because steering.max-flow-entries were tracked")
        .register(registry);
    FunctionCounter.builder("netserv.steering.spoofed.marks", reactive, ReactiveSteering::spoofedMarks)
        .description("Frames carrying a node's mark that came up from an edge port and were dropped")
        .register(registry);
    steering.listeners().add(gauges);
    steering.listeners().add(services);
    return new SteeringMetrics(gauges, services, poller);
  }
}
