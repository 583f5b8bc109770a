package org.netservof.modules.cdn;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.netservof.node.api.TcpConnection;

/**
 * Serves one connection one request (its caller then closes it: {@code Connection: close}): GET or HEAD of a checked
 * path ({@link RequestPath}), from the cache when it holds the object ({@code X-Cache: HIT}, the origin not
 * asked), else fetched from the origin and kept ({@code X-Cache: MISS}). Bad requests get their 4xx and change
 * nothing.
 */
final class ConnectionHandler {
  private final ObjectCache cache;
  private final OriginClient origin;
  private final CdnCounters counters;
  private final LongSupplier clock;

  ConnectionHandler(ObjectCache cache, OriginClient origin, CdnCounters counters, LongSupplier clock) {
    this.cache = cache;
    this.origin = origin;
    this.counters = counters;
    this.clock = clock;
  }

  /**
   * Reads the request, calls {@code headRead} (the request's deadline is over; the answer's begins), answers.
   * The caller closes the connection. An I/O failure (the client went, or its deadline closed the connection)
   * ends it quietly.
   */
  void serve(TcpConnection connection, Runnable headRead) {
    try {
      OutputStream out = connection.output();
      try {
        RequestHead head = RequestHead.read(new BufferedInputStream(connection.input(), 4096));
        headRead.run();
        answer(head, out);
      } catch (HttpError e) {
        counters.refused.increment();
        error(out, e);
      }
    } catch (IOException e) {
      // the client went away or was cut off at its deadline: nobody is left to answer
    }
  }

  private void answer(RequestHead head, OutputStream out) throws IOException, HttpError {
    boolean get = head.method().equals("GET");
    if (!get && !head.method().equals("HEAD")) {
      throw new HttpError(405, "only GET and HEAD are served");
    }
    if (head.hasBody()) {
      throw new HttpError(400, "a request with a body");
    }
    String host = head.headers().get("host");
    if (host == null) {
      throw new HttpError(400, "the Host header is required");
    }
    RequestPath path = RequestPath.of(head.target(), host);
    Optional<CachedObject> cached = cache.get(path.value(), clock.getAsLong());
    if (cached.isPresent()) {
      counters.hits.increment();
      write(out, 200, "OK", cached.get(), "HIT", get);
      return;
    }
    CachedObject fetched;
    try {
      fetched = origin.fetch(path, clock.getAsLong());
    } catch (HttpError e) {
      counters.originErrors.increment();
      error(out, e);
      return;
    }
    counters.misses.increment();
    cache.put(path.value(), fetched);
    write(out, 200, "OK", fetched, "MISS", get);
  }

  private static void error(OutputStream out, HttpError e) throws IOException {
    String body = e.status() + " " + e.getMessage() + "\n";
    write(out, e.status(), reason(e.status()), new CachedObject("text/plain; charset=utf-8",
        body.getBytes(StandardCharsets.UTF_8), 0), null, true);
  }

  private static void write(OutputStream out, int status, String reason, CachedObject object, String cache,
                            boolean withBody) throws IOException {
    StringBuilder head = new StringBuilder("HTTP/1.1 ").append(status).append(' ').append(reason).append("\r\n")
        .append("Content-Type: ").append(object.contentType()).append("\r\n")
        .append("Content-Length: ").append(object.size()).append("\r\n");
    if (cache != null) {
      head.append("X-Cache: ").append(cache).append("\r\n");
    }
    if (status == 405) {
      head.append("Allow: GET, HEAD\r\n");
    }
    head.append("Connection: close\r\n\r\n");
    out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
    if (withBody) {
      out.write(object.body());
    }
    out.flush();
  }

  static String reason(int status) {
    return switch (status) {
      case 200 -> "OK";
      case 400 -> "Bad Request";
      case 404 -> "Not Found";
      case 405 -> "Method Not Allowed";
      case 414 -> "URI Too Long";
      case 431 -> "Request Header Fields Too Large";
      case 502 -> "Bad Gateway";
      case 503 -> "Service Unavailable";
      case 504 -> "Gateway Timeout";
      default -> "Error";
    };
  }
}
