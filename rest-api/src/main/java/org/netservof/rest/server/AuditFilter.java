package org.netservof.rest.server;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import java.security.Principal;
import java.time.Clock;
import java.util.Set;

/** Records every request that is not a read in the {@link AuditLog}, with its outcome. */
@Priority(Priorities.USER)
public final class AuditFilter implements ContainerResponseFilter {
  private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");

  private final AuditLog audit;
  private final Clock clock;

  public AuditFilter(AuditLog audit, Clock clock) {
    this.audit = audit;
    this.clock = clock;
  }

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    if (READS.contains(request.getMethod())) {
      return;
    }
    Principal who = request.getSecurityContext().getUserPrincipal();
    String detail = response.getEntity() instanceof ApiError e ? e.detail() : "";
    String path = "/" + request.getUriInfo().getPath(false)
        + (request.getUriInfo().getRequestUri().getRawQuery() == null ? ""
            : "?" + request.getUriInfo().getRequestUri().getRawQuery());
    audit.record(clock.instant(), who == null ? "-" : who.getName(), request.getMethod(), path,
        response.getStatus(), detail);
  }
}
