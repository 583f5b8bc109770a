package org.netservof.bridge.signaling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiPredicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.netservof.bridge.api.ModuleReport;
import org.netservof.protocol.signaling.Method;
import org.netservof.protocol.signaling.SignalRequest;
import org.netservof.protocol.url.UrlPolicy;

/**
 * The notification URL of a request gets an XML-RPC call over real HTTP once the module is in, and only when
 * it may: the controller's own networks are not a requester's to reach, and a redirect is not followed.
 */
class NotifierTest {
  private static final BiPredicate<String, String> ALWAYS_RUNNING = (user, module) -> true;
  private final BlockingQueue<String> calls = new ArrayBlockingQueue<>(4);
  private final AtomicInteger secretHits = new AtomicInteger();
  private final SignalRequest setup = new SignalRequest(Method.SETUP, "NetMonitor_1.0", Map.of("user", "alice"));
  private HttpServer server;
  private String base;

  @BeforeEach
  void listen() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/RPC2", exchange -> {
      calls.add(exchange.getRequestMethod() + " " + exchange.getRequestHeaders().getFirst("Content-Type") + "\n"
          + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      exchange.sendResponseHeaders(200, -1);
      exchange.close();
    });
    server.createContext("/moved", exchange -> {
      exchange.getResponseHeaders().add("Location", base + "/secret");
      exchange.sendResponseHeaders(307, -1);
      exchange.close();
    });
    server.createContext("/secret", exchange -> {
      secretHits.incrementAndGet();
      exchange.sendResponseHeaders(200, -1);
      exchange.close();
    });
    server.start();
    base = "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Test
  void theNotificationUrlGetsAnXmlRpcCallNamingWhatWasDone() throws Exception {
    Notifier notifier = new Notifier(new UrlPolicy("notification-urls", List.of(base + "/RPC2")), ALWAYS_RUNNING);
    notifier.notify(base + "/RPC2", setup, "d1", "installed on n1 & n2").get(30, TimeUnit.SECONDS);
    String call = calls.poll(10, TimeUnit.SECONDS);
    assertThat(call).startsWith("POST text/xml").contains("<methodName>netserv.notify</methodName>")
        .contains("<string>d1</string>").contains("<string>alice</string>").contains("<string>SETUP</string>")
        .contains("<string>NetMonitor_1.0</string>").contains("<string>installed on n1 &amp; n2</string>");
  }

  @Test
  void aSetupsUrlReceivesItsModulesReportsUntilItsRemove() throws Exception {
    Notifier notifier = new Notifier(new UrlPolicy("notification-urls", List.of(base + "/RPC2")), ALWAYS_RUNNING);
    ModuleReport report = new ModuleReport("n1", "alice", "NetMonitor_1.0", Map.of("packets", 42),
        java.time.Instant.parse("2026-12-05T16:00:00Z"));
    notifier.moduleReported(report);
    notifier.notify(base + "/RPC2", setup, "d1", "installed on n1").get(30, TimeUnit.SECONDS);
    calls.poll(10, TimeUnit.SECONDS);
    notifier.moduleReported(new ModuleReport("n1", "bob", "NetMonitor_1.0", Map.of("packets", 666), report.at()));
    notifier.moduleReported(report);
    String call = calls.poll(10, TimeUnit.SECONDS);
    assertThat(call).startsWith("POST text/xml").contains("<methodName>netserv.report</methodName>")
        .contains("<string>alice</string>").contains("<string>n1</string>").contains("{\"packets\":42}")
        .doesNotContain("666");
    notifier.notify(base + "/RPC2", new SignalRequest(Method.REMOVE, "NetMonitor_1.0", Map.of("user", "alice")),
        "d1", "removed").get(30, TimeUnit.SECONDS);
    assertThat(calls.poll(10, TimeUnit.SECONDS)).contains("REMOVE");
    notifier.moduleReported(report);
    notifier.notify(base + "/RPC2", setup, "d1", "marker").get(30, TimeUnit.SECONDS);
    assertThat(calls.poll(10, TimeUnit.SECONDS)).as("no report after the REMOVE, only the next call")
        .contains("marker");
    assertThat(calls).isEmpty();
  }

  /**
   * Leases run out without a REMOVE: their targets must not stay, or they fill the table and a later user's
   * reports go nowhere (review finding), and a module that runs no more sends nothing to its old URL.
   */
  @Test
  void aTargetIsForgottenOnceItsModuleRunsNoMoreSoExpiredLeasesCannotFillTheTable() throws Exception {
    Set<String> running = ConcurrentHashMap.newKeySet();
    Notifier notifier = new Notifier(new UrlPolicy("notification-urls", List.of(base + "/RPC2")),
        (user, module) -> running.contains(user + "/" + module), 2);
    for (String module : List.of("NetMonitor_1.0", "RateMonitor_1.0")) {
      running.add("alice/" + module);
      notifier.notify(base + "/RPC2", new SignalRequest(Method.SETUP, module, Map.of("user", "alice")), "d1",
          "installed on n1").get(30, TimeUnit.SECONDS);
      calls.poll(10, TimeUnit.SECONDS);
    }
    running.clear(); // both of alice's leases ran out
    running.add("bob/NetMonitor_1.0");
    notifier.notify(base + "/RPC2", new SignalRequest(Method.SETUP, "NetMonitor_1.0", Map.of("user", "bob")), "d1",
        "installed on n1").get(30, TimeUnit.SECONDS);
    calls.poll(10, TimeUnit.SECONDS);
    Instant at = Instant.parse("2026-12-05T16:00:00Z");
    notifier.moduleReported(new ModuleReport("n1", "alice", "NetMonitor_1.0", Map.of("packets", 1), at));
    notifier.moduleReported(new ModuleReport("n1", "bob", "NetMonitor_1.0", Map.of("packets", 2), at));
    assertThat(calls.poll(10, TimeUnit.SECONDS)).as("bob's report, though expired leases had filled the table")
        .contains("netserv.report").contains("<string>bob</string>");
    assertThat(calls.poll(1, TimeUnit.SECONDS)).as("nothing for alice's module, which runs no more").isNull();
  }

  @Test
  void aUserWhoseUrlStallsCannotCrowdOutOtherUsersCalls() throws Exception {
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    AtomicInteger stalledCalls = new AtomicInteger();
    HttpServer slow = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    slow.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
    slow.createContext("/stall", exchange -> {
      stalledCalls.incrementAndGet();
      try {
        release.await(20, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      exchange.sendResponseHeaders(200, -1);
      exchange.close();
    });
    slow.start();
    String stall = "http://127.0.0.1:" + slow.getAddress().getPort() + "/stall";
    try {
      Notifier notifier = new Notifier(new UrlPolicy("notification-urls", List.of(base + "/RPC2", stall)),
          ALWAYS_RUNNING);
      notifier.notify(stall, setup, "d1", "installed on n1"); // mallory's own URL: it never answers in time
      for (int i = 0; i < 1000; i++) { // her module publishes as fast as the nodes let it, from many nodes
        notifier.moduleReported(new ModuleReport("n" + (i % 50), "alice", "NetMonitor_1.0", Map.of("packets", i),
            java.time.Instant.parse("2026-12-05T16:00:00Z")));
      }
      SignalRequest bobs = new SignalRequest(Method.SETUP, "KeepAlive_1.0", Map.of("user", "bob"));
      notifier.notify(base + "/RPC2", bobs, "d1", "installed for bob").get(30, TimeUnit.SECONDS);
      assertThat(calls.poll(10, TimeUnit.SECONDS)).contains("installed for bob");
      assertThat(stalledCalls.get()).as("one report call at a time for a user, the rest coalesced").isLessThanOrEqualTo(2);
    } finally {
      release.countDown();
      slow.stop(0);
    }
  }

  @Test
  void withoutAnAllowListTheControllersLoopbackIsNotCalled() {
    Notifier notifier = new Notifier(UrlPolicy.publicOnly("notification-urls"), ALWAYS_RUNNING);
    assertThat(notifier.refusal(base + "/RPC2")).get().asString().contains("loopback");
    assertThatThrownBy(() -> notifier.notify("http://localhost:" + server.getAddress().getPort() + "/RPC2", setup,
        "d1", "installed").get(30, TimeUnit.SECONDS)).hasMessageContaining("loopback");
    assertThat(calls).isEmpty();
  }

  @Test
  void aRedirectIsNotFollowed() {
    Notifier notifier = new Notifier(new UrlPolicy("notification-urls", List.of(base + "/")), ALWAYS_RUNNING);
    assertThatThrownBy(() -> notifier.notify(base + "/moved", setup, "d1", "installed").get(30, TimeUnit.SECONDS))
        .hasMessageContaining("HTTP 307");
    assertThat(secretHits).hasValue(0);
  }
}
