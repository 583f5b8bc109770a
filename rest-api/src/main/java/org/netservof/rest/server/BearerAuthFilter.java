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
import java.util.function.Supplier;

/**
 * Guards one resource method: the request needs {@code Authorization: Bearer TOKEN} of a configured operator
 * whose scope includes what the method needs; a read needs no token where reads are open (loopback, and
 * {@code rest-reads-need-token} off). Without a valid token: 401; with one whose scope is too small: 403. Either
 * way the resource is never reached. The operator becomes the request's principal, which the audit log
 * records. Built per method by {@link ScopeFeature}.
 */
@Priority(Priorities.AUTHENTICATION)
final class BearerAuthFilter implements ContainerRequestFilter {
  private static final String PREFIX = "Bearer ";

  /** Read at every request: SIGHUP may replace the operators or the read policy. */
  private final Supplier<Operators> operators;
  private final Supplier<Boolean> readsNeedToken;
  private final Scope needed;

  BearerAuthFilter(Supplier<Operators> operators, Supplier<Boolean> readsNeedToken, Scope needed) {
    this.operators = operators;
    this.readsNeedToken = readsNeedToken;
    this.needed = needed;
  }

  @Override
  public void filter(ContainerRequestContext request) {
    String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
    boolean secure = request.getSecurityContext().isSecure();
    if (header == null && needed == Scope.READ && !readsNeedToken.get()) {
      request.setSecurityContext(callerContext(Caller.ANONYMOUS, secure));
      return;
    }
    Operators known = operators.get();
    if (header == null || !header.startsWith(PREFIX)) {
      refuse(request, known.isEmpty() ? "no operator tokens are configured (rest-tokens): the API takes no writes"
          : "this request needs an operator's token with scope " + needed.word() + ": Authorization: Bearer TOKEN");
      return;
    }
    Optional<Caller> caller = known.byToken(header.substring(PREFIX.length()).strip());
    if (caller.isEmpty()) {
      refuse(request, "the bearer token is not one of the configured operators'");
      return;
    }
    request.setSecurityContext(callerContext(caller.get(), secure));
    if (!caller.get().scope().includes(needed)) {
      request.abortWith(ApiErrors.respond(403, "operator '" + caller.get().name() + "' has scope "
          + caller.get().scope().word() + "; " + request.getMethod() + " here needs " + needed.word(), null));
    }
  }

  /** Who made the request, for the resources and the audit log, over HTTPS or not. */
  private static SecurityContext callerContext(Caller caller, boolean secure) {
    return new SecurityContext() {
      @Override
      public Principal getUserPrincipal() {
        return caller::name;
      }

      @Override
      public boolean isUserInRole(String role) {
        return caller.scope().includes(Scope.parse(role));
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
