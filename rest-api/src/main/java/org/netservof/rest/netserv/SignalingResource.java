package org.netservof.rest.netserv;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.ServiceUnavailableException;
import jakarta.ws.rs.core.MediaType;
import org.netservof.bridge.api.SignalingStats;
import org.netservof.rest.server.RestServices;

/** {@code /netserv/v1/signaling}: what signaling received, refused (by reason) and relayed, and its tables. */
@Path("/netserv/v1/signaling")
@Produces(MediaType.APPLICATION_JSON)
public final class SignalingResource {
  private final RestServices services;

  public SignalingResource(RestServices services) {
    this.services = services;
  }

  @GET
  @Doc("Signaling's counters: requests received, refused by reason, relayed; pending and nonce tables and bounds")
  public SignalingStats stats() {
    return services.signaling().orElseThrow(() -> new ServiceUnavailableException(
        "the signaling module does not run on this controller")).stats();
  }
}
