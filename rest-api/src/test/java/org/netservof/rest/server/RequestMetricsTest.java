package org.netservof.rest.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.glassfish.jersey.server.ResourceConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.netservof.controller.api.HostPort;
import org.netservof.controller.testing.Eventually;

/** REST requests counted by route template and status, over real HTTP, read from the Prometheus scrape. */
class RequestMetricsTest {
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final HttpClient http = HttpClient.newHttpClient();
  private RestServer server;

  /** A resource with a templated path: thing 1 exists, the others are 404 from the resource itself. */
  @Path("/things")
  public static final class Things {
    @GET
    @Path("{id}")
    public String thing(@PathParam("id") String id) {
      if (!id.equals("1")) {
        throw new NotFoundException("no thing " + id);
      }
      return "one";
    }

    @GET
    public String all() {
      return "all";
    }
  }

  @BeforeEach
  void start() throws Exception {
    server = RestServer.start(HostPort.parse("127.0.0.1:0"), RestConfig.Tls.NONE,
        new ResourceConfig().register(new Things()).register(new RequestMetrics(registry)));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void requestsCountUnderTheirRouteTemplateNeverTheirPath() throws Exception {
    assertThat(get("/things/1")).isEqualTo(200);
    assertThat(get("/things/2")).isEqualTo(404);
    assertThat(get("/things/3")).isEqualTo(404);
    assertThat(get("/things")).isEqualTo(200);
    String scrape = counted(4);
    assertThat(value(scrape, "netserv_rest_requests_total{method=\"GET\",route=\"/things/{id}\",status=\"200\"}"))
        .isEqualTo(1);
    assertThat(value(scrape, "netserv_rest_requests_total{method=\"GET\",route=\"/things/{id}\",status=\"404\"}"))
        .isEqualTo(2);
    assertThat(value(scrape, "netserv_rest_requests_total{method=\"GET\",route=\"/things\",status=\"200\"}"))
        .isEqualTo(1);
    assertThat(value(scrape, "netserv_rest_request_seconds_count{method=\"GET\",route=\"/things/{id}\"}"))
        .isEqualTo(3);
    assertThat(scrape).doesNotContain("/things/2").doesNotContain("/things/3");
  }

  @Test
  void aPathNothingMatchesCountsAsUnmatched() throws Exception {
    assertThat(get("/nowhere/at/all")).isEqualTo(404);
    assertThat(get("/nor/here")).isEqualTo(404);
    String scrape = counted(2);
    assertThat(value(scrape, "netserv_rest_requests_total{method=\"GET\",route=\"unmatched\",status=\"404\"}"))
        .isEqualTo(2);
    assertThat(scrape).doesNotContain("nowhere");
  }

  @Test
  void aMethodOfTheClientsInventionCountsAsOther() throws Exception {
    HttpResponse<Void> r = http.send(HttpRequest.newBuilder(uri("/things/1")).method("FROBNICATE",
        HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
    assertThat(r.statusCode()).isEqualTo(405);
    assertThat(counted(1)).contains("method=\"OTHER\"").doesNotContain("FROBNICATE");
  }

  /**
   * The scrape once {@code requests} are counted: Jersey reports a request finished after its response went out,
   * so the client can be answered a moment before the count.
   */
  private String counted(int requests) {
    Eventually.waitFor(requests + " requests counted", Duration.ofSeconds(10),
        () -> registry.find("netserv.rest.requests").counters().stream().mapToDouble(c -> c.count()).sum() >= requests);
    return registry.scrape();
  }

  private int get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.address().getPort() + path);
  }

  private static double value(String scrape, String series) {
    return scrape.lines().filter(l -> l.startsWith(series + " ")).findFirst()
        .map(l -> Double.parseDouble(l.substring(series.length() + 1).trim()))
        .orElseThrow(() -> new AssertionError("no series " + series + " in:\n" + scrape));
  }
}
