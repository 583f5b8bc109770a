package org.netservof.rest.netserv;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import org.netservof.controller.api.MetricsService;

/**
 * {@code GET /metrics}: the controller's metrics in Prometheus's text format, where Prometheus looks by default.
 * A read like any other: behind an operator's token when reads need one.
 */
@Path("/metrics")
public final class MetricsResource {
  /** Prometheus's text exposition format, version 0.0.4. */
  static final String TEXT_FORMAT = "text/plain; version=0.0.4; charset=utf-8";
  private final MetricsService metrics;

  public MetricsResource(MetricsService metrics) {
    this.metrics = metrics;
  }

  @GET
  @Produces(TEXT_FORMAT)
  @Doc("The controller's metrics in Prometheus's text exposition format (404 when metrics: false)")
  public String scrape() {
    if (!metrics.enabled()) {
      throw new NotFoundException("metrics are off: this controller runs with metrics: false");
    }
    return metrics.scrape();
  }
}
