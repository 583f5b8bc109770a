package org.netservof.bridge.steering;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.netservof.controller.api.SwitchService;

/**
 * Steering's meters, wired once: the gauges of services, leases, nodes and containers (read from the snapshot when
 * scraped), and the {@link StatsPoller} that reads the switches' flow and meter statistics for the services'
 * traffic and the users' meter drops every {@code service-stats-interval}.
 */
record SteeringMetrics(SteeringGauges gauges, ServiceCounters services, StatsPoller poller) {

  static SteeringMetrics bind(MeterRegistry registry, Steering steering, SwitchService switches, Clock clock) {
    SteeringState state = steering.state();
    SteeringGauges gauges = new SteeringGauges(registry, state::snapshot, clock);
    ServiceCounters services = new ServiceCounters(registry, state::snapshot);
    StatsPoller poller = new StatsPoller(switches, new StatsPoller.Feeds(services,
        new MeterDrops(registry, steering.listeners(), state.meters::users), new NodeCounters(registry, state::snapshot)),
        clock);
    steering.listeners().add(gauges);
    steering.listeners().add(services);
    return new SteeringMetrics(gauges, services, poller);
  }
}
