package org.netservof.modules.cdn;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.netservof.modules.common.ClientError;
import org.netservof.modules.common.Counters;
import org.netservof.node.api.TcpConnection;

/**
 * Serves one connection one request (its caller then closes it: {@code Connection: close}): GET or HEAD of a checked
 * path ({@link RequestPath}), from the cache when it holds the object ({@code X-Cache: HIT}, the origin not
 * asked), else fetched from the origin and kept ({@code X-Cache: MISS}). Bad requests get their 4xx and change
 * nothing.
 */
record ConnectionHandler(ObjectCache cache, OriginClient origin, Counters counters, LongSupplier clock) {

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
      } catch (ClientError e) {
        counters.increment("refused-requests");
        error(out, e);
      }
    } catch (IOException e) {
      // the client went away or was cut off at its deadline: nobody is left to answer
    }
  }

  private void answer(RequestHead head, OutputStream out) throws IOException, ClientError {
    boolean get = head.method().equals("GET");
    if (!get && !head.method().equals("HEAD")) {
      throw new ClientError(405, "only GET and HEAD are served");
    }
    if (head.hasBody()) {
      throw new ClientError(400, "a request with a body");
    }
    String host = head.headers().get("host");
    if (host == null) {
      throw new ClientError(400, "the Host header is required");
    }
    RequestPath path = RequestPath.of(head.target(), host);
    Optional<CachedObject> cached = cache.get(path.value(), clock.getAsLong());
    if (cached.isPresent()) {
      counters.increment("hits");
      write(out, 200, "OK", cached.get(), "HIT", get);
      return;
    }
    CachedObject fetched;
    try {
      fetched = origin.fetch(path, clock.getAsLong());
    } catch (ClientError e) {
      counters.increment("origin-errors");
      error(out, e);
      return;
    }
    counters.increment("misses");
    cache.put(path.value(), fetched);
    write(out, 200, "OK", fetched, "MISS", get);
  }

  private static void error(OutputStream out, ClientError e) throws IOException {
    String body = e.code() + " " + e.getMessage() + "\n";
    write(out, e.code(), reason(e.code()), new CachedObject("text/plain; charset=utf-8",
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
