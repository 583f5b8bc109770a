package org.netservof.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Iterator;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The REST API over {@link HttpClient}: one request, its body back as text, or a {@link CtlException} that
 * already says what went wrong in the operator's terms (the API's error, or "nothing listens at URL").
 * The token goes on every request when there is one: writes need it, and a server may be configured to want
 * it for reads too.
 */
final class ApiClient {
  private final HttpClient http;
  private final ClientSettings settings;
  private final Duration timeout;
  private final ObjectMapper json;

  ApiClient(ClientSettings settings, Duration timeout, ObjectMapper json) {
    this.settings = settings;
    this.timeout = timeout;
    this.json = json;
    // HTTP/1.1: the API speaks nothing else, so offering an HTTP/2 upgrade on every request would be waste.
    this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout)
        .followRedirects(HttpClient.Redirect.NEVER).build();
  }

  String get(String path) {
    return send("GET", path, null);
  }

  /**
   * Sends a request and returns the body of a 2xx answer.
   *
   * @param path the path from the API's root, starting with {@code /}, segments already encoded
   * @param jsonBody the JSON to send, or null for none
   * @throws CtlException {@link CtlException#API_ERROR} for an error status or a timeout,
   *     {@link CtlException#UNREACHABLE} when the connection failed
   */
  String send(String method, String path, String jsonBody) {
    HttpRequest request = request(method, path, jsonBody).timeout(timeout).build();
    HttpResponse<String> response = exchange(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    if (response.statusCode() / 100 != 2) {
      throw apiError(response.statusCode(), response.body());
    }
    return response.body();
  }

  /** GETs a binary body (a backup) and writes it to {@code target}, which must not exist yet. */
  void download(String path, java.nio.file.Path target) {
    HttpRequest request = request("GET", path, null).header("Accept", "application/octet-stream, application/json")
        .timeout(timeout).build();
    HttpResponse<byte[]> response = exchange(request, HttpResponse.BodyHandlers.ofByteArray());
    if (response.statusCode() / 100 != 2) {
      throw apiError(response.statusCode(), new String(response.body(), StandardCharsets.UTF_8));
    }
    try {
      java.nio.file.Files.write(target, response.body(), java.nio.file.StandardOpenOption.CREATE_NEW);
    } catch (IOException e) {
      throw new CtlException(CtlException.API_ERROR, "cannot write " + target + ": " + describe(e), e);
    }
  }

  /**
   * Follows a server-sent event stream, handing each event to {@code handler} until it returns false or the
   * server ends the stream. No request timeout: a quiet stream is not a dead one.
   */
  void stream(String path, Predicate<SseEvent> handler) {
    HttpRequest request = request("GET", path, null).header("Accept", "text/event-stream").build();
    HttpResponse<Stream<String>> response = exchange(request, HttpResponse.BodyHandlers.ofLines());
    try (Stream<String> lines = response.body()) {
      if (response.statusCode() / 100 != 2) {
        throw apiError(response.statusCode(), lines.collect(Collectors.joining("\n")));
      }
      SseParser parser = new SseParser();
      for (Iterator<String> it = lines.iterator(); it.hasNext(); ) {
        var event = parser.line(it.next());
        if (event.isPresent() && !handler.test(event.get())) {
          return;
        }
      }
    } catch (java.io.UncheckedIOException e) {
      throw new CtlException(CtlException.API_ERROR, "the event stream from " + settings.base() + " broke: "
          + describe(e.getCause()), e);
    }
  }

  URI uri(String path) {
    return URI.create(settings.base() + path);
  }

  private HttpRequest.Builder request(String method, String path, String jsonBody) {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).header("Accept", "application/json");
    settings.token().ifPresent(t -> b.header("Authorization", "Bearer " + t));
    if (jsonBody == null) {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      b.header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(jsonBody, StandardCharsets.UTF_8));
    }
    return b;
  }

  private <T> HttpResponse<T> exchange(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
    try {
      return http.send(request, handler);
    } catch (HttpConnectTimeoutException e) {
      throw new CtlException(CtlException.UNREACHABLE, "cannot connect to the API at " + settings.base()
          + ": no answer within " + timeout.toSeconds() + " s (is the address right? --url or NETSERV_URL)", e);
    } catch (ConnectException e) {
      throw new CtlException(CtlException.UNREACHABLE, "cannot connect to the API at " + settings.base() + ": "
          + describe(e) + " (is the controller running with its REST API on? --url or NETSERV_URL)", e);
    } catch (HttpTimeoutException e) {
      throw new CtlException(CtlException.API_ERROR, request.method() + " " + request.uri()
          + ": no answer within " + timeout.toSeconds() + " s (--timeout)", e);
    } catch (IOException e) {
      throw new CtlException(CtlException.API_ERROR, request.method() + " " + request.uri() + " failed: "
          + describe(e), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CtlException(CtlException.API_ERROR, "interrupted", e);
    }
  }

  private CtlException apiError(int status, String body) {
    String message = ErrorFormat.format(status, body, json);
    if (status == 401 && settings.token().isEmpty()) {
      message += "\nhint: no token was sent; give --token, --token-file, NETSERV_TOKEN or NETSERV_TOKEN_FILE";
    }
    return new CtlException(CtlException.API_ERROR, message);
  }

  /**
   * Why a request failed, in a few words. The JDK's ConnectException often has no message and a cause that
   * says nothing either (a ClosedChannelException when the peer refused): look for the one fact that helps.
   */
  private static String describe(Throwable e) {
    String firstMessage = null;
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof java.nio.channels.UnresolvedAddressException
          || t instanceof java.net.UnknownHostException) {
        return "unknown host";
      }
      String m = t.getMessage();
      if (m != null && m.toLowerCase(java.util.Locale.ROOT).contains("refused")) {
        return "connection refused";
      }
      if (firstMessage == null && m != null && !m.isBlank()) {
        firstMessage = m;
      }
    }
    if (e instanceof ConnectException && firstMessage == null) {
      return "connection refused";
    }
    return firstMessage != null ? firstMessage : e.getClass().getSimpleName();
  }

  /**
   * One path segment (an id, a dpid, a name), percent-encoded. Colons stay as they are: every dpid has them,
   * they are legal in a segment, and Floodlight's own clients send them bare.
   */
  static String segment(String value) {
    StringBuilder out = new StringBuilder();
    for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if (c < 0x80 && (Character.isLetterOrDigit(c) || "-._~:@!$&'()*+,;=".indexOf(c) >= 0)) {
        out.append(c);
      } else {
        out.append('%').append(String.format("%02X", b & 0xff));
      }
    }
    return out.toString();
  }
}
