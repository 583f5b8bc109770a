package org.netservof.bridge.signaling;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.BiPredicate;
import org.netservof.bridge.api.ModuleReport;
import org.netservof.bridge.api.ModuleReportListener;
import org.netservof.controller.util.NamedThreads;
import org.netservof.protocol.node.Json;
import org.netservof.protocol.signaling.Method;
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
 * requester hears nothing of it; a few calls run at a time and a flood of them is dropped, not queued. The
 * module's reports (its {@code publish}) go to the URL of its latest SETUP too, as {@code netserv.report} calls
 * (domain, user, module, node, time, the report as JSON), the thesis's NetMonitor visualiser pattern, through a
 * {@link ReportDelivery} of their own (one call in flight per user, the newest report waiting), so a user's URL
 * that stalls holds up nobody else's notifications or reports.
 */
final class Notifier implements ModuleReportListener {
  private static final Logger log = LoggerFactory.getLogger(Notifier.class);
  private static final GuardedHttp.Limits LIMITS = new GuardedHttp.Limits(Duration.ofSeconds(5),
      Duration.ofSeconds(10), 64 * 1024);
  private static final int MAX_WAITING = 256;
  /** The (user, module) pairs whose reports go to a URL; a SETUP beyond this many is not followed by reports. */
  private static final int MAX_TARGETS = 4096;

  /** Where a module's reports go, and the domain the calls name. */
  private record Target(String url, String domain) {}

  private final UrlPolicy policy;
  private final GuardedHttp http;
  private final BiPredicate<String, String> running;
  private final int maxTargets;
  private final Map<String, Target> targets = new ConcurrentHashMap<>();
  private final ExecutorService calls = new ThreadPoolExecutor(2, 2, 30, TimeUnit.SECONDS,
      new ArrayBlockingQueue<>(MAX_WAITING), NamedThreads.daemon("notifier"));
  private final ReportDelivery reports = new ReportDelivery();

  /**
   * @param running whether a user still runs a module here: a target whose module runs no more (its lease ran
   *     out, no REMOVE came) is forgotten
   */
  Notifier(UrlPolicy policy, BiPredicate<String, String> running) {
    this(policy, running, MAX_TARGETS);
  }

  Notifier(UrlPolicy policy, BiPredicate<String, String> running, int maxTargets) {
    this.policy = policy;
    this.http = new GuardedHttp(policy, LIMITS);
    this.running = running;
    this.maxTargets = maxTargets;
  }

  /** Why a request's notification URL is refused before anything is done for it; empty when it may be called. */
  Optional<String> refusal(String url) {
    return policy.refusal(url).map(why -> "notification URL " + why);
  }

  /**
   * Calls the URL in the background; the future says how it went (its failure is logged already). A SETUP's URL
   * also receives its module's reports from then on; a REMOVE's call is the last.
   */
  CompletableFuture<Void> notify(String url, SignalRequest request, String domain, String detail) {
    String user = request.user().orElse("");
    String key = user + "/" + request.module();
    if (request.method() == Method.SETUP && (hasRoom() || targets.containsKey(key))) {
      targets.put(key, new Target(url, domain));
    } else if (request.method() == Method.REMOVE) {
      targets.remove(key);
    }
    return call(url, request.module(), user, methodCall("netserv.notify", domain, user, request.method().name(),
        request.module(), detail));
  }

  /** Room for one more target, once those whose module runs no more are forgotten. */
  private boolean hasRoom() {
    if (targets.size() >= maxTargets) {
      targets.keySet().removeIf(key -> !running.test(userOf(key), moduleOf(key)));
    }
    return targets.size() < maxTargets;
  }

  private static String userOf(String key) {
    return key.substring(0, key.lastIndexOf('/'));
  }

  private static String moduleOf(String key) {
    return key.substring(key.lastIndexOf('/') + 1);
  }

  /** A module's report, to the notification URL its latest SETUP gave (none, or it runs no more: nothing). */
  @Override
  public void moduleReported(ModuleReport report) {
    String key = report.user() + "/" + report.module();
    Target target = targets.get(key);
    if (target != null && !running.test(report.user(), report.module())) {
      targets.remove(key, target);
    } else if (target != null) {
      byte[] body = methodCall("netserv.report", target.domain(), report.user(), report.module(), report.nodeId(),
          report.at().toString(), Json.line(report.report()));
      reports.offer(report.user(), report.module() + "@" + report.nodeId(),
          () -> post(target.url(), report.module(), report.user(), body, new CompletableFuture<>()));
    }
  }

  private CompletableFuture<Void> call(String url, String module, String user, byte[] body) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    try {
      calls.execute(() -> post(url, module, user, body, done));
    } catch (RejectedExecutionException e) {
      log.warn("notifying {} about {} dropped: {} calls are waiting already", url, module, MAX_WAITING);
      done.completeExceptionally(e);
    }
    return done;
  }

  private void post(String url, String module, String user, byte[] body, CompletableFuture<Void> done) {
    try {
      int status = http.post(url, "text/xml", body).status();
      if (status / 100 != 2) {
        throw new IOException(url + " answered HTTP " + status + (status / 100 == 3 ? " (not followed)" : ""));
      }
      done.complete(null);
    } catch (IOException | RuntimeException e) {
      log.warn("notifying {} about {} of user {} failed: {}", url, module, user, e.getMessage());
      done.completeExceptionally(e);
    }
  }

  /** An XML-RPC methodCall with string parameters. */
  private static byte[] methodCall(String method, String... params) {
    StringBuilder out = new StringBuilder("<?xml version=\"1.0\"?>\n<methodCall><methodName>" + method
        + "</methodName><params>");
    for (String p : params) {
      out.append(param(p));
    }
    return out.append("</params></methodCall>\n").toString().getBytes(StandardCharsets.UTF_8);
  }

  void shutDown() {
    calls.shutdownNow();
    reports.shutDown();
  }

  private static String param(String value) {
    return "<param><value><string>" + value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        + "</string></value></param>";
  }
}
