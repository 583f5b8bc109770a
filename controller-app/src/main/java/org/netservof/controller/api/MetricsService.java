package org.netservof.controller.api;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * The controller's metrics: one Micrometer registry that every module registers its meters in, read by
 * Prometheus through the REST API's {@code GET /metrics}.
 *
 * <p>Names follow Prometheus's conventions once exported: Micrometer's dotted names become underscored, counters
 * get {@code _total}, timers are in seconds. Register {@code netserv.} names; tag only with bounded values
 * (switch, type, user, service id, node; never a flow's addresses or ports). Meters are thread-safe; look a
 * meter up once and keep it when it is counted on a hot path.
 */
public interface MetricsService {

  /** Where modules register their meters; a registry that records nothing when metrics are off. */
  MeterRegistry registry();

  /** Whether the controller exports metrics ({@code metrics: true}, the default). */
  boolean enabled();

  /**
   * Every meter in Prometheus's text exposition format (version 0.0.4).
   *
   * @throws IllegalStateException when metrics are off
   */
  String scrape();
}
