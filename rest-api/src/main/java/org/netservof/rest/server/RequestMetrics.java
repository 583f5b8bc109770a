package org.netservof.rest.server;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.glassfish.jersey.server.ExtendedUriInfo;
import org.glassfish.jersey.server.monitoring.ApplicationEvent;
import org.glassfish.jersey.server.monitoring.ApplicationEventListener;
import org.glassfish.jersey.server.monitoring.RequestEvent;
import org.glassfish.jersey.server.monitoring.RequestEventListener;
import org.glassfish.jersey.uri.UriTemplate;

/**
 * Counts and times every request by method, route and status. The route is the path template Jersey matched
 * ({@code /netserv/v1/services/{id}}), never the request's own path, and {@code unmatched} when nothing matched;
 * methods outside HTTP's usual ones count as {@code OTHER}: no label takes a value the client chose.
 */
final class RequestMetrics implements ApplicationEventListener {
  static final String UNMATCHED = "unmatched";
  private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS");
  private final MeterRegistry registry;

  RequestMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void onEvent(ApplicationEvent event) {
    // nothing to count about the application itself
  }

  @Override
  public RequestEventListener onRequest(RequestEvent start) {
    long started = System.nanoTime();
    return event -> {
      if (event.getType() == RequestEvent.Type.FINISHED) {
        finished(event, System.nanoTime() - started);
      }
    };
  }

  private void finished(RequestEvent event, long nanos) {
    String method = event.getContainerRequest().getMethod();
    method = METHODS.contains(method) ? method : "OTHER";
    String route = route(event.getUriInfo());
    int status = event.getContainerResponse() != null ? event.getContainerResponse().getStatus() : 500;
    Counter.builder("netserv.rest.requests").description("REST requests by method, route and status")
        .tags("method", method, "route", route, "status", String.valueOf(status)).register(registry).increment();
    Timer.builder("netserv.rest.request").description("REST request handling time by method and route")
        .tags("method", method, "route", route).register(registry).record(nanos, TimeUnit.NANOSECONDS);
  }

  /** The matched templates, outermost first, joined: the resource's path and its method's. */
  static String route(ExtendedUriInfo uri) {
    List<UriTemplate> templates = uri.getMatchedTemplates();
    if (templates.isEmpty()) {
      return UNMATCHED;
    }
    StringBuilder route = new StringBuilder();
    for (int i = templates.size() - 1; i >= 0; i--) {
      String template = templates.get(i).getTemplate();
      if (!template.startsWith("/")) {
        route.append('/');
      }
      route.append(template);
    }
    String joined = route.toString().replaceAll("//+", "/");
    return joined.length() > 1 && joined.endsWith("/") ? joined.substring(0, joined.length() - 1) : joined;
  }
}
