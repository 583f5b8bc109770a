package org.netservof.rest.server;

import jakarta.annotation.Priority;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.util.function.Supplier;

/**
 * Opt-in CORS for every route ({@code rest-cors-origins}; off when empty). A preflight ({@code OPTIONS} with
 * {@code Access-Control-Request-Method}) is answered here while CORS is on, before matching and before authentication
 * (a browser sends no token on a preflight): 204 with what may be sent for a listed origin, 403 otherwise. Other
 * responses to a listed origin carry {@code Access-Control-Allow-Origin} with that origin, never {@code *};
 * credentials are bearer tokens the page sends itself, so {@code Allow-Credentials} is never set. Every
 * response says {@code Vary: Origin} while CORS is on, so a cache never hands one origin's answer to another.
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION - 100)
final class CorsFilter implements ContainerRequestFilter, ContainerResponseFilter {
  private static final String ORIGIN = "Origin";
  private static final String REQUEST_METHOD = "Access-Control-Request-Method";

  /** Read at every request: SIGHUP may change the origins. */
  private final Supplier<CorsPolicy> policy;

  CorsFilter(Supplier<CorsPolicy> policy) {
    this.policy = policy;
  }

  @Override
  public void filter(ContainerRequestContext request) {
    CorsPolicy current = policy.get();
    if (!current.enabled() || !request.getMethod().equals(HttpMethod.OPTIONS)
        || request.getHeaderString(REQUEST_METHOD) == null) {
      return; // off (the default), or not a preflight: Jersey answers as it always did
    }
    String origin = request.getHeaderString(ORIGIN);
    if (!current.allows(origin)) {
      request.abortWith(ApiErrors.respond(403, "cross-origin requests from '" + origin + "' are not allowed: "
          + "list the origin in rest-cors-origins", null));
      return;
    }
    request.abortWith(Response.noContent()
        .header("Access-Control-Allow-Methods", "GET, HEAD, POST, PUT, DELETE, OPTIONS")
        .header("Access-Control-Allow-Headers", "Authorization, Content-Type")
        .header("Access-Control-Max-Age", "600").build());
  }

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    CorsPolicy current = policy.get();
    if (!current.enabled()) {
      return;
    }
    MultivaluedMap<String, Object> headers = response.getHeaders();
    headers.putSingle("Vary", ORIGIN);
    String origin = request.getHeaderString(ORIGIN);
    if (current.allows(origin)) {
      headers.putSingle("Access-Control-Allow-Origin", origin);
      headers.putSingle("Access-Control-Expose-Headers", "Location, WWW-Authenticate");
    }
  }
}
