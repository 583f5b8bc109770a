package org.netservof.rest.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.netservof.controller.testing.Eventually;

/** Follows a server-sent-events stream in the background; each event as "NAME DATA". */
public final class EventStream {
  public final List<String> events = new CopyOnWriteArrayList<>();

  private EventStream() {}

  /**
   * Opens the stream (with the bearer token, when given) and returns once its first event arrived.
   */
  public static EventStream follow(HttpClient http, InetSocketAddress address, String path, String token,
      Duration wait) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://" + address.getHostString() + ":"
        + address.getPort() + path)).header("Accept", "text/event-stream");
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    HttpResponse<Stream<String>> r = http.send(request.build(), HttpResponse.BodyHandlers.ofLines());
    assertThat(r.statusCode()).isEqualTo(200);
    EventStream stream = new EventStream();
    AtomicReference<String> event = new AtomicReference<>("");
    Thread reader = new Thread(() -> r.body().forEach(line -> {
      if (line.startsWith("event:")) {
        event.set(line.substring("event:".length()).strip());
      } else if (line.startsWith("data:")) {
        stream.events.add(event.get() + " " + line.substring("data:".length()).strip());
      }
    }), "sse-reader");
    reader.setDaemon(true);
    reader.start();
    Eventually.waitFor("the stream's first event", wait,
        () -> stream.events.stream().anyMatch(e -> e.startsWith("hello")));
    return stream;
  }
}
