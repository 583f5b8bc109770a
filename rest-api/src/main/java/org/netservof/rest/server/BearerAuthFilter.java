package org.netservof.rest.server;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Writes need {@code Authorization: Bearer TOKEN} of a configured operator; reads too when the configuration
 * says so. A request without a valid token gets 401 and never reaches a resource. The operator's name becomes
 * the request's principal, which the audit log records.
 */
@Priority(Priorities.AUTHENTICATION)
public final class BearerAuthFilter implements ContainerRequestFilter {
  private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");
  private static final String PREFIX = "Bearer ";

  /** Read at every request: SIGHUP may replace the operators or the read policy. */
  private final Supplier<Operators> operators;
  private final Supplier<Boolean> readsNeedToken;

  public BearerAuthFilter(Supplier<Operators> operators, Supplier<Boolean> readsNeedToken) {
    this.operators = operators;
    this.readsNeedToken = readsNeedToken;
  }

  @Override
  public void filter(ContainerRequestContext request) {
    boolean read = READS.contains(request.getMethod());
    String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
    if (read && !readsNeedToken.get() && header == null) {
      return;
    }
    Operators known = operators.get();
    if (header == null || !header.startsWith(PREFIX)) {
      refuse(request, known.isEmpty() ? "no operator tokens are configured (rest-tokens): the API takes no writes"
          : "this request needs an operator's token: Authorization: Bearer TOKEN");
      return;
    }
    Optional<String> operator = known.byToken(header.substring(PREFIX.length()).strip());
    if (operator.isEmpty()) {
      refuse(request, "the bearer token is not one of the configured operators'");
      return;
    }
    request.setSecurityContext(operatorContext(operator.get(), request.getSecurityContext().isSecure()));
  }

  /** Who made the request, for the resources and the audit log: an operator, over HTTPS or not. */
  private static SecurityContext operatorContext(String name, boolean secure) {
    return new SecurityContext() {
      @Override
      public Principal getUserPrincipal() {
        return () -> name;
      }

      @Override
      public boolean isUserInRole(String role) {
        return "operator".equals(role);
      }

      @Override
      public boolean isSecure() {
        return secure;
      }

      @Override
      public String getAuthenticationScheme() {
        return "Bearer";
      }
    };
  }

  private static void refuse(ContainerRequestContext request, String detail) {
    request.abortWith(Response.fromResponse(ApiErrors.respond(401, detail, null))
        .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"netserv-of\"").build());
  }
}
