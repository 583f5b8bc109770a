package org.netservof.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Proactive services created over REST, UDP to h2 (10.0.0.2) on consecutive ports, four requests in flight,
 * spread round-robin over the controllers named; what the restart and cluster benchmarks load a controller with.
 */
final class ServiceLoad {
  private static final Duration WAIT = Duration.ofSeconds(120);
  private final String token;
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  ServiceLoad(String token) {
    this.token = token;
  }

  /** Creates {@code count} services from {@code firstPort} on; answers how many were created (201). */
  int create(int count, int firstPort, List<String> bases) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Integer>> answers = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        String body = "{\"name\": \"s" + (firstPort + i) + "\", \"filter\": {\"protocol\": \"udp\", \"dst\": "
            + "\"10.0.0.2/32\", \"dstPorts\": \"" + (firstPort + i) + "\"}, \"pool\": \"pool\", \"mode\": \"proactive\"}";
        URI uri = URI.create(bases.get(i % bases.size()) + "/netserv/v1/services");
        answers.add(pool.submit(() -> http.send(HttpRequest.newBuilder(uri).timeout(WAIT)
            .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
            .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding())
            .statusCode()));
      }
      int created = 0;
      for (Future<Integer> a : answers) {
        created += a.get() == 201 ? 1 : 0;
      }
      return created;
    } finally {
      pool.shutdownNow();
      pool.awaitTermination(10, TimeUnit.SECONDS);
    }
  }
}
