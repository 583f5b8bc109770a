package org.netservof.bridge.signaling;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.netservof.controller.util.NamedThreads;
import org.netservof.protocol.signaling.SignalRequest;
import org.netservof.protocol.url.GuardedHttp;
import org.netservof.protocol.url.UrlPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls a request's {@code notification} URL once its module is installed (or removed): an XML-RPC
 * {@code netserv.notify} call, as the thesis describes, with the domain, user, method, module and what was done.
 * The URL is a requester's input that the controller connects to, so it is held to the rules module URLs are
 * held to ({@code notification-urls}, else public addresses only, checked at the address connected to; no
 * redirects; a deadline and a cap on the answer read). Best effort: a failed call is logged here, and the
 * requester hears nothing of it; a few calls run at a time and a flood of them is dropped, not queued.
 */
final class Notifier {
  private static final Logger log = LoggerFactory.getLogger(Notifier.class);
  private static final GuardedHttp.Limits LIMITS = new GuardedHttp.Limits(Duration.ofSeconds(5),
      Duration.ofSeconds(10), 64 * 1024);
  private static final int MAX_WAITING = 256;

  private final UrlPolicy policy;
  private final GuardedHttp http;
  private final ExecutorService calls = new ThreadPoolExecutor(2, 2, 30, TimeUnit.SECONDS,
      new ArrayBlockingQueue<>(MAX_WAITING), NamedThreads.daemon("notifier"));

  Notifier(UrlPolicy policy) {
    this(policy, new GuardedHttp(policy, LIMITS));
  }

  Notifier(UrlPolicy policy, GuardedHttp http) {
    this.policy = policy;
    this.http = http;
  }

  /** Why a request's notification URL is refused before anything is done for it; empty when it may be called. */
  Optional<String> refusal(String url) {
    return policy.refusal(url).map(why -> "notification URL " + why);
  }

  /** Calls the URL in the background; the future says how it went (its failure is logged already). */
  CompletableFuture<Void> notify(String url, SignalRequest request, String domain, String detail) {
    byte[] body = ("<?xml version=\"1.0\"?>\n<methodCall><methodName>netserv.notify</methodName><params>"
        + param(domain) + param(request.user().orElse("")) + param(request.method().name())
        + param(request.module()) + param(detail) + "</params></methodCall>\n").getBytes(StandardCharsets.UTF_8);
    CompletableFuture<Void> done = new CompletableFuture<>();
    try {
      calls.execute(() -> call(url, request, body, done));
    } catch (RejectedExecutionException e) {
      log.warn("notifying {} about {} dropped: {} calls are waiting already", url, request.module(), MAX_WAITING);
      done.completeExceptionally(e);
    }
    return done;
  }

  private void call(String url, SignalRequest request, byte[] body, CompletableFuture<Void> done) {
    try {
      int status = http.post(url, "text/xml", body).status();
      if (status / 100 != 2) {
        throw new IOException(url + " answered HTTP " + status + (status / 100 == 3 ? " (not followed)" : ""));
      }
      done.complete(null);
    } catch (IOException | RuntimeException e) {
      log.warn("notifying {} about {} of user {} failed: {}", url, request.module(), request.user().orElse("?"),
          e.getMessage());
      done.completeExceptionally(e);
    }
  }

  void shutDown() {
    calls.shutdownNow();
  }

  private static String param(String value) {
    return "<param><value><string>" + value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        + "</string></value></param>";
  }
}
