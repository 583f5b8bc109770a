package org.netservof.rest.netserv;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.ServiceUnavailableException;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.netservof.bridge.api.UserDirectory;
import org.netservof.bridge.api.UserInfo;
import org.netservof.rest.server.RestServices;

/** {@code /netserv/v1/users}: the signaling users' policy and usage; their keys stay in the configuration. */
@Path("/netserv/v1/users")
@Produces(MediaType.APPLICATION_JSON)
public final class UsersResource {
  private final RestServices services;

  public UsersResource(RestServices services) {
    this.services = services;
  }

  @GET
  @Doc("Every signaling user: grants, caps, services")
  public List<UserInfo> users() {
    return directory().users();
  }

  @GET
  @Path("/{name}")
  @Doc("One signaling user")
  public UserInfo user(@PathParam("name") String name) {
    return directory().user(name).orElseThrow(() -> new NotFoundException("no user '" + name + "'"));
  }

  private UserDirectory directory() {
    return services.users().orElseThrow(() -> new ServiceUnavailableException(
        "the signaling module does not run on this controller: it has no users"));
  }
}
