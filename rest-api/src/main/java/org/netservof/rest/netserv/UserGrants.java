package org.netservof.rest.netserv;

import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.core.SecurityContext;
import java.util.Optional;
import org.netservof.bridge.api.UserDirectory;
import org.netservof.policy.filter.Filter;
import org.netservof.rest.server.Scope;

/**
 * Holds a REST service for a user to what that user was granted, as signaling does for the user's own
 * requests: the user must be configured and the filter must lie inside one of their grants. An operator with
 * scope admin may go beyond a grant (and is audited doing so); a service that names no user runs no user's
 * code and is the operator's own.
 */
final class UserGrants {
  private UserGrants() {}

  /** @throws ForbiddenException naming the user and the filter, when the caller may not create this */
  static void check(SecurityContext caller, Optional<UserDirectory> users, Optional<String> user, Filter filter) {
    if (user.isEmpty() || caller.isUserInRole(Scope.ADMIN.word())) {
      return;
    }
    String name = user.get();
    UserDirectory directory = users.orElseThrow(() -> new ForbiddenException("no signaling users are configured "
        + "here, so no grant covers a service for user '" + name + "': only an operator with scope admin may "
        + "create it"));
    if (directory.user(name).isEmpty()) {
      throw new ForbiddenException("user '" + name + "' is not configured (users:); only an operator with scope "
          + "admin may create a service for a user nobody granted anything");
    }
    if (!directory.permits(name, filter)) {
      throw new ForbiddenException("the filter " + filter + " lies outside what user '" + name + "' was granted "
          + "(see GET /netserv/v1/users/" + name + "); only an operator with scope admin may go beyond a grant");
    }
  }
}
