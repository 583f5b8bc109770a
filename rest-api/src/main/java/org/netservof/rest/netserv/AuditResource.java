package org.netservof.rest.netserv;

import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.netservof.rest.server.AuditLog;

/** {@code GET /netserv/v1/audit}: the writes the API was asked for, oldest first. */
@Path("/netserv/v1/audit")
@Produces(MediaType.APPLICATION_JSON)
public final class AuditResource {
  private static final int MAX_LIMIT = 10_000;
  private final AuditLog audit;

  public AuditResource(AuditLog audit) {
    this.audit = audit;
  }

  @GET
  @Doc("Writes the API was asked for (who, what, when, result), oldest first; since a sequence number")
  public List<AuditLog.Entry> entries(@QueryParam("since") @DefaultValue("0") long since,
      @QueryParam("limit") @DefaultValue("1000") int limit) {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit must be in 1.." + MAX_LIMIT + ", was " + limit);
    }
    if (since < 0) {
      throw new IllegalArgumentException("since must not be negative, was " + since);
    }
    return audit.entries(since, limit);
  }
}
