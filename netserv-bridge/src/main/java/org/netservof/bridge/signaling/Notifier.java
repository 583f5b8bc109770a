package org.netservof.bridge.signaling;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.netservof.protocol.signaling.SignalRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls a request's {@code notification} URL once its module is installed (or removed): an XML-RPC
 * {@code netserv.notify} call, as the thesis describes, with the domain, user, method, module and what was done.
 * Best effort: a failed call is logged and changes nothing.
 */
final class Notifier {
  private static final Logger log = LoggerFactory.getLogger(Notifier.class);
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  void notify(String url, SignalRequest request, String domain, String detail) {
    String body = "<?xml version=\"1.0\"?>\n<methodCall><methodName>netserv.notify</methodName><params>"
        + param(domain) + param(request.user().orElse("")) + param(request.method().name())
        + param(request.module()) + param(detail) + "</params></methodCall>\n";
    HttpRequest call;
    try {
      call = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
          .header("Content-Type", "text/xml").POST(HttpRequest.BodyPublishers.ofString(body)).build();
    } catch (IllegalArgumentException e) {
      log.warn("notification URL {} of {} is not usable: {}", url, request.module(), e.getMessage());
      return;
    }
    http.sendAsync(call, HttpResponse.BodyHandlers.discarding()).whenComplete((response, e) -> {
      if (e != null) {
        log.warn("notifying {} about {} failed: {}", url, request.module(), e.toString());
      } else if (response.statusCode() / 100 != 2) {
        log.warn("notifying {} about {} got HTTP {}", url, request.module(), response.statusCode());
      }
    });
  }

  private static String param(String value) {
    return "<param><value><string>" + value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        + "</string></value></param>";
  }
}
