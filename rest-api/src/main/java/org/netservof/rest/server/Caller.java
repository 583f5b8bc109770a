package org.netservof.rest.server;

/**
 * Who made a request: a configured operator with their scope, or {@link #ANONYMOUS} (no token) where reads
 * are open. Resources ask {@link jakarta.ws.rs.core.SecurityContext#isUserInRole} with a scope's word.
 *
 * @param name the operator's name as the audit log records it; {@code -} for anonymous
 */
public record Caller(String name, Scope scope) {
  /** Without a token, on loopback with reads open: may read, nothing more. */
  public static final Caller ANONYMOUS = new Caller("-", Scope.READ);
}
