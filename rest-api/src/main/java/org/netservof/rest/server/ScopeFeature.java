package org.netservof.rest.server;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import java.lang.reflect.Method;
import java.util.function.Supplier;

/**
 * Puts a {@link BearerAuthFilter} in front of every resource method, with the scope that method needs: its
 * {@link Needs} annotation, else read for GET and HEAD and write for the rest. Decided once per method when
 * the application is built, so no request reaches a resource unguarded.
 */
final class ScopeFeature implements DynamicFeature {
  private final Supplier<Operators> operators;
  private final Supplier<Boolean> readsNeedToken;

  ScopeFeature(Supplier<Operators> operators, Supplier<Boolean> readsNeedToken) {
    this.operators = operators;
    this.readsNeedToken = readsNeedToken;
  }

  @Override
  public void configure(ResourceInfo resource, FeatureContext context) {
    context.register(new BearerAuthFilter(operators, readsNeedToken, needed(resource.getResourceMethod())));
  }

  /** The scope a resource method needs. */
  static Scope needed(Method method) {
    Needs needs = method.getAnnotation(Needs.class);
    if (needs != null) {
      return needs.value();
    }
    return method.isAnnotationPresent(GET.class) || method.isAnnotationPresent(HEAD.class) ? Scope.READ
        : Scope.WRITE;
  }
}
