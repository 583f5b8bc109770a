package org.netservof.rest.netserv;

import java.time.Instant;
import java.util.Map;

/**
 * {@code GET /netserv/v1/services/{id}/reports}: the latest report the service's module published (its
 * {@code publish}) on each node that runs it, by node id; a node that has published nothing yet is absent.
 */
public record ServiceReports(int service, String user, String module, Map<String, Report> reports) {

  /** One node's latest report and when the controller received it. */
  public record Report(Instant at, Map<String, Object> report) {}
}
