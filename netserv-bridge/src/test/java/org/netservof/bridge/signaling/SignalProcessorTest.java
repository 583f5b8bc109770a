package org.netservof.bridge.signaling;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netservof.bridge.api.Deployment;
import org.netservof.bridge.api.DeploymentRequest;
import org.netservof.bridge.api.ModuleInstall;
import org.netservof.bridge.api.ServiceRequest;
import org.netservof.bridge.api.SteeringMode;
import org.netservof.bridge.testing.FailingStoreService;
import org.netservof.bridge.testing.RecordingFabric;
import org.netservof.controller.store.MemoryIntentStore;
import org.netservof.policy.filter.Filter;
import org.netservof.policy.filter.PortRange;
import org.netservof.policy.filter.Protocol;
import org.netservof.protocol.signaling.Method;
import org.netservof.protocol.signaling.SignalCodec;
import org.netservof.protocol.signaling.SignalKeys;
import org.netservof.protocol.signaling.SignalRequest;
import org.netservof.protocol.signaling.StackEntry;
import org.netservof.protocol.url.UrlPolicy;

/** What each request does to steering and nodes, and that a refused one does nothing. */
class SignalProcessorTest {
  private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");
  private static final String SHA = "ab".repeat(32);
  @TempDir
  Path dir;
  private PrivateKey alice;
  private PrivateKey mallory;
  private RecordingFabric fabric;
  private SignalProcessor processor;
  private int nonces;
  private final PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

  @BeforeEach
  void domain() throws Exception {
    alice = SignalKeys.generate(dir.resolve("alice")).getPrivate();
    mallory = SignalKeys.generate(dir.resolve("mallory")).getPrivate();
    domain(new RecordingFabric());
  }

  /** The domain on this fabric, its notifier held to {@code notification-urls} of one listener. */
  private void domain(RecordingFabric recording) {
    Users users = new Users();
    users.replace(List.of(new UserConfig("alice", SignalKeys.publicFile(dir.resolve("alice")).toString(),
        List.of("10.0.0.0/24"), List.of("udp"), 2, 0, List.of("udp:3478", "tcp:80"))));
    fabric = recording;
    fabric.node("n1", "pool", true, "java-modules");
    fabric.node("n2", "pool", true, "java-modules", "xuggler");
    fabric.node("n3", "pool", false, "java-modules");
    fabric.node("n4", "other", true, "java-modules");
    SignalingConfig config = new SignalingConfig("d1", "pool", "reactive", Duration.ofSeconds(10),
        Duration.ofSeconds(60), 16, 100);
    SignaledServices services = new SignaledServices(fabric.steering, fabric.steering, fabric.deployments,
        fabric.updates, config);
    fabric.steering.addListener(services);
    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    processor = new SignalProcessor("d1", new Authenticator(users, clock, config.timestampWindow(),
        config.maxNoncesPerUser(), new SignalingCounters(), new MemoryIntentStore<>("signaling-nonces")), services,
        fabric.pools, new Notifier(new UrlPolicy("notification-urls", List.of("http://listener.example/RPC2")),
            services::runs),
        new SignalingMeters(metrics), clock);
  }

  private StackEntry send(Method method, String module, Map<String, String> headers, PrivateKey key) {
    return sendAsync(method, module, headers, key).join();
  }

  private java.util.concurrent.CompletableFuture<StackEntry> sendAsync(Method method, String module,
      Map<String, String> headers, PrivateKey key) {
    Map<String, String> h = new LinkedHashMap<>(headers);
    h.put("user", "alice");
    h.put("nonce", String.format("nonce-%012d", ++nonces));
    h.putIfAbsent("timestamp", String.valueOf(NOW.getEpochSecond()));
    byte[] raw = SignalCodec.encode(SignalKeys.signed(new SignalRequest(method, module, h), key));
    try {
      return processor.process(SignalCodec.parseRequest(raw), raw, "test");
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private StackEntry setup(String dst, int ttl, PrivateKey key, String... more) {
    return setupAsync(dst, ttl, key, more).join();
  }

  private java.util.concurrent.CompletableFuture<StackEntry> setupAsync(String dst, int ttl, PrivateKey key,
      String... more) {
    Map<String, String> h = new LinkedHashMap<>();
    h.put("filter-proto", "udp");
    h.put("filter-port", "5060");
    h.put("filter-dst", dst);
    for (int i = 0; i < more.length; i += 2) {
      h.put(more[i], more[i + 1]);
    }
    h.put("ttl", String.valueOf(ttl));
    h.putIfAbsent("url", "http://modules.example/NetMonitor.jar");
    h.putIfAbsent("module-sha256", SHA);
    return sendAsync(Method.SETUP, "NetMonitor_1.0", h, key);
  }

  @Test
  void aSetupInstallsOnTheHealthyNodesOfThePoolAndRegistersSteeringWithItsTtl() {
    StackEntry entry = setup("10.0.0.2/32", 600, alice);
    assertThat(entry).isEqualTo(new StackEntry("d1", 200, "installed on n1,n2; service 1 for 600 s"));
    assertThat(fabric.calls).containsExactly("install NetMonitor_1.0 for alice on n1",
        "install NetMonitor_1.0 for alice on n2", "register 1 udp dport 5060 to 10.0.0.2/32 user alice ttl 600");

    fabric.calls.clear();
    assertThat(setup("10.0.0.2/32", 900, alice).detail()).startsWith("refreshed service 1 for 900 s");
    assertThat(fabric.calls).as("the same SETUP again only pushes the ttl").containsExactly("refresh 1 ttl 900");
  }

  @Test
  void aSetupTheStoreCannotRecordIsAnswered503AndChangesNothing() {
    FailingStoreService disk = new FailingStoreService();
    domain(new RecordingFabric(List.of(), disk));
    disk.failing = true;
    assertThat(setup("10.0.0.2/32", 600, alice)).satisfies(e -> {
      assertThat(e.code()).isEqualTo(503);
      assertThat(e.detail()).startsWith("the controller cannot record the deployment (its store failed: ")
          .endsWith("nothing was done");
    });
    assertThat(fabric.calls).as("no install, no steering").isEmpty();
    assertThat(fabric.deployments.deployments()).isEmpty();
    disk.failing = false;
    assertThat(setup("10.0.0.2/32", 600, alice).code()).as("once the store writes again").isEqualTo(200);
  }

  @Test
  void aStoreThatFailsWhileTheModuleIsInstalledTakesTheModuleBackAndLeavesNoService() {
    FailingStoreService disk = new FailingStoreService();
    RecordingFabric recording = new RecordingFabric(List.of(), disk);
    recording.installGate = new java.util.concurrent.CompletableFuture<>();
    domain(recording);
    java.util.concurrent.CompletableFuture<StackEntry> answer = setupAsync("10.0.0.2/32", 600, alice);
    disk.failing = true;
    recording.installGate.complete(null);
    assertThat(answer.join()).satisfies(e -> {
      assertThat(e.code()).isEqualTo(503);
      assertThat(e.detail()).startsWith("the controller cannot record the deployment");
    });
    // This fabric's steering keeps no store, so its registration passes; the deployment's next write fails and
    // takes it back (steering on the real store fails that registration instead).
    assertThat(fabric.calls).containsExactly("install NetMonitor_1.0 for alice on n1",
        "install NetMonitor_1.0 for alice on n2", "register 1 udp dport 5060 to 10.0.0.2/32 user alice ttl 600",
        "unregister 1", "uninstall NetMonitor_1.0 for alice from n1", "uninstall NetMonitor_1.0 for alice from n2");
  }

  @Test
  void aModuleUrlToTheControllersOrNodesOwnNetworksIsRefusedAndChangesNothing() {
    for (String url : List.of("http://127.0.0.1:8000/NetMonitor.jar", "http://10.0.9.254/NetMonitor.jar",
        "http://169.254.169.254/latest/meta-data/", "http://[::1]/NetMonitor.jar")) {
      assertThat(setup("10.0.0.2/32", 600, alice, "url", url)).as(url).satisfies(e -> {
        assertThat(e.code()).isEqualTo(403);
        assertThat(e.detail()).startsWith("module URL '" + url + "' points at").contains("module-repositories");
      });
    }
    assertThat(fabric.calls).as("no meter, no install, no steering").isEmpty();
  }

  @Test
  void withModuleRepositoriesOnlyUrlsUnderThemAreInstalledWhateverTheirAddress() {
    domain(new RecordingFabric(List.of("http://10.0.9.254:8000/modules/")));
    assertThat(setup("10.0.0.2/32", 600, alice)).satisfies(e -> {
      assertThat(e.code()).isEqualTo(403);
      assertThat(e.detail()).isEqualTo("module URL 'http://modules.example/NetMonitor.jar' is not under any of "
          + "module-repositories [http://10.0.9.254:8000/modules/]");
    });
    assertThat(fabric.calls).isEmpty();
    assertThat(setup("10.0.0.2/32", 600, alice, "url", "http://10.0.9.254:8000/modules/NetMonitor.jar").code())
        .isEqualTo(200);
  }

  @Test
  void aNotificationUrlOutsideNotificationUrlsIsRefusedWithItsRequest() {
    for (String url : List.of("http://127.0.0.1:9/RPC2", "http://listener.example/other")) {
      assertThat(setup("10.0.0.2/32", 600, alice, "notification", url)).as(url).satisfies(e -> {
        assertThat(e.code()).isEqualTo(403);
        assertThat(e.detail()).startsWith("notification URL '" + url + "'");
      });
    }
    assertThat(fabric.calls).isEmpty();
  }

  @Test
  void refusedRequestsChangeNothing() {
    assertThat(setup("10.0.0.2/32", 600, mallory).code()).isEqualTo(401);
    assertThat(setup("10.0.1.2/32", 600, alice)).satisfies(e -> {
      assertThat(e.code()).isEqualTo(403);
      assertThat(e.detail()).contains("outside what user 'alice' may filter");
    });
    assertThat(setup("10.0.0.2/32", 600, alice, "node-id", "n4").code()).as("a node of another pool")
        .isEqualTo(503);
    assertThat(setup("10.0.0.2/32", 600, alice, "dependencies", "ffmpeg").detail()).contains("offers [ffmpeg]");
    assertThat(send(Method.REMOVE, "NetMonitor_1.0", Map.of(), alice).code()).isEqualTo(404);
    assertThat(fabric.calls).isEmpty();
  }

  @Test
  void eachRequestIsCountedByMethodAndOutcomeWhereTheOutcomeIsDecided() throws Exception {
    assertThat(setup("10.0.0.2/32", 600, alice).code()).isEqualTo(200);
    assertThat(setup("10.0.0.3/32", 600, mallory).code()).isEqualTo(401);
    assertThat(setup("10.0.1.2/32", 600, alice).code()).isEqualTo(403);
    assertThat(setup("10.0.0.4/32", 600, alice, "node-id", "n4").code()).isEqualTo(503);
    assertThat(send(Method.REMOVE, "Other_1.0", Map.of(), alice).code()).isEqualTo(404);
    assertThat(send(Method.PROBE, "NetMonitor_1.0", Map.of("probe", "status"), alice).code()).isEqualTo(200);
    byte[] raw = SignalCodec.encode(SignalKeys.signed(new SignalRequest(Method.PROBE, "NetMonitor_1.0", Map.of(
        "user", "alice", "nonce", "nonce-again-0000001", "timestamp", String.valueOf(NOW.getEpochSecond()), "probe",
        "status")), alice));
    processor.process(SignalCodec.parseRequest(raw), raw, "test").join();
    assertThat(processor.process(SignalCodec.parseRequest(raw), raw, "test").join().code()).isEqualTo(401);
    byte[] stale = SignalCodec.encode(SignalKeys.signed(new SignalRequest(Method.PROBE, "NetMonitor_1.0", Map.of(
        "user", "alice", "nonce", "nonce-stale-0000001", "timestamp", String.valueOf(NOW.getEpochSecond() - 3600),
        "probe", "status")), alice));
    assertThat(processor.process(SignalCodec.parseRequest(stale), stale, "test").join().code()).isEqualTo(401);
    processor.malformed("no request line");

    assertThat(metrics.scrape()).contains(
        "netserv_signaling_requests_total{method=\"SETUP\",outcome=\"ok\"} 1.0",
        "netserv_signaling_requests_total{method=\"SETUP\",outcome=\"forged\"} 1.0",
        "netserv_signaling_requests_total{method=\"SETUP\",outcome=\"out_of_grant\"} 1.0",
        "netserv_signaling_requests_total{method=\"SETUP\",outcome=\"error\"} 1.0",
        "netserv_signaling_requests_total{method=\"REMOVE\",outcome=\"refused\"} 1.0",
        "netserv_signaling_requests_total{method=\"PROBE\",outcome=\"ok\"} 2.0",
        "netserv_signaling_requests_total{method=\"PROBE\",outcome=\"replayed\"} 2.0",
        "netserv_signaling_requests_total{method=\"other\",outcome=\"malformed\"} 1.0");
  }

  @Test
  void dependenciesAndNodeIdNarrowWhereTheModuleGoes() {
    assertThat(setup("10.0.0.2/32", 600, alice, "dependencies", "xuggler").detail()).startsWith("installed on n2;");
    assertThat(setup("10.0.0.3/32", 600, alice, "node-id", "n1").detail()).startsWith("installed on n1;");
    assertThat(fabric.calls).filteredOn(c -> c.startsWith("install")).containsExactly(
        "install NetMonitor_1.0 for alice on n2", "install NetMonitor_1.0 for alice on n1");
  }

  @Test
  void aUserCannotHoldMoreServicesThanAllowed() {
    assertThat(setup("10.0.0.2/32", 600, alice).code()).isEqualTo(200);
    assertThat(setup("10.0.0.3/32", 600, alice).code()).isEqualTo(200);
    fabric.calls.clear();
    assertThat(setup("10.0.0.4/32", 600, alice).detail()).contains("has 2 services here, the most allowed");
    assertThat(fabric.calls).isEmpty();
  }

  @Test
  void whenSteeringDropsAServiceItsModuleLeavesOnlyNodesNothingElseNeeds() {
    setup("10.0.0.2/32", 600, alice);
    setup("10.0.0.3/32", 600, alice, "node-id", "n1");
    fabric.calls.clear();
    fabric.expire(1);
    assertThat(fabric.calls).as("n1 still serves the second service").containsExactly("expired 1",
        "uninstall NetMonitor_1.0 for alice from n2");
    fabric.calls.clear();
    assertThat(send(Method.REMOVE, "NetMonitor_1.0", Map.of(), alice).detail()).isEqualTo("removed 1 service");
    assertThat(fabric.calls).containsExactly("unregister 2", "uninstall NetMonitor_1.0 for alice from n1");
  }

  @Test
  void aModuleThatNoNodeCouldInstallIsNotSteered() {
    fabric.nodes.clear();
    fabric.node("broken1", "pool", true);
    StackEntry entry = setup("10.0.0.2/32", 600, alice);
    assertThat(entry.code()).isEqualTo(502);
    assertThat(entry.detail()).contains("no node installed NetMonitor_1.0").contains("digest mismatch");
    assertThat(fabric.calls).containsExactly("install NetMonitor_1.0 for alice on broken1");
  }

  @Test
  void aSecondCopyOfASetupBeingInstalledIsRefusedAndInstallsNothing() {
    fabric.installGate = new java.util.concurrent.CompletableFuture<>();
    java.util.concurrent.CompletableFuture<StackEntry> first = setupAsync("10.0.0.2/32", 600, alice);
    StackEntry second = setup("10.0.0.2/32", 600, alice);
    assertThat(second.code()).isEqualTo(409);
    fabric.installGate.complete(null);
    assertThat(first.join().code()).isEqualTo(200);
    assertThat(fabric.calls).filteredOn(c -> c.startsWith("install")).hasSize(2); // n1 and n2, once each
  }

  @Test
  void whenSteeringRefusesTheServiceTheModulesItInstalledAreTakenBack() {
    fabric.refuseRegistrations = true;
    StackEntry entry = setup("10.0.0.2/32", 600, alice);
    assertThat(entry.code()).isEqualTo(503);
    assertThat(entry.detail()).contains("cannot express the filter");
    assertThat(fabric.calls).containsExactlyInAnyOrder("install NetMonitor_1.0 for alice on n1",
        "install NetMonitor_1.0 for alice on n2", "uninstall NetMonitor_1.0 for alice from n1",
        "uninstall NetMonitor_1.0 for alice from n2");
  }

  @Test
  void aProbeAnswersWithTheDomainsNodesAndTheUsersPolicy() {
    StackEntry entry = send(Method.PROBE, "NetMonitor_1.0", Map.of("probe", "capabilities,policy"), alice);
    assertThat(entry.code()).isEqualTo(200);
    assertThat(entry.detail()).contains("\"capabilities\":[\"java-modules\",\"xuggler\"]")
        .contains("udp to 10.0.0.0/24").contains("\"max-services\":2");
  }

  @Test
  void theSameSetupWithOtherPropertiesUpdatesTheRunningModuleOnItsNodes() {
    setup("10.0.0.2/32", 600, alice, "properties", "threshold=5");
    fabric.calls.clear();
    StackEntry entry = setup("10.0.0.2/32", 600, alice, "properties", "threshold=9");
    assertThat(entry.code()).isEqualTo(200);
    assertThat(entry.detail()).startsWith("updated NetMonitor_1.0 on n1,n2; refreshed service 1 for 600 s");
    assertThat(fabric.calls).as("the refresh once the update is applied").containsExactly(
        "update NetMonitor_1.0 for alice on n1 {threshold=9}", "update NetMonitor_1.0 for alice on n2 {threshold=9}",
        "refresh 1 ttl 600");
    assertThat(fabric.deployments.deployments().get(0).module().orElseThrow().properties())
        .as("a node that installs it later gets the new properties").containsEntry("threshold", "9");

    fabric.calls.clear();
    assertThat(setup("10.0.0.2/32", 600, alice, "properties", "threshold=9").detail()).startsWith("refreshed");
    assertThat(fabric.calls).as("the same properties again only refresh").containsExactly("refresh 1 ttl 600");
  }

  @Test
  void aReplayedOrForgedUpdateIsRefusedAsAnySetupAndChangesNothing() throws Exception {
    setup("10.0.0.2/32", 600, alice, "properties", "threshold=5");
    fabric.calls.clear();
    Map<String, String> h = new LinkedHashMap<>(Map.of("filter-proto", "udp", "filter-port", "5060",
        "filter-dst", "10.0.0.2/32", "ttl", "600", "url", "http://modules.example/NetMonitor.jar",
        "module-sha256", SHA, "properties", "threshold=1", "user", "alice", "nonce", "nonce-update-000001"));
    h.put("timestamp", String.valueOf(NOW.getEpochSecond()));
    byte[] raw = SignalCodec.encode(SignalKeys.signed(new SignalRequest(Method.SETUP, "NetMonitor_1.0", h), alice));
    assertThat(processor.process(SignalCodec.parseRequest(raw), raw, "test").join().detail()).startsWith("updated");
    fabric.calls.clear();
    assertThat(processor.process(SignalCodec.parseRequest(raw), raw, "test").join().code())
        .as("the same signed update again").isNotEqualTo(200);
    assertThat(setup("10.0.0.2/32", 600, mallory, "properties", "threshold=1000").code())
        .as("signed by another key than alice's").isNotEqualTo(200);
    assertThat(fabric.calls).isEmpty();
  }

  @Test
  void anUpdateANodeRefusesIsAnsweredWithItsReasonAndOneNoNodeAppliesFails() {
    setup("10.0.0.2/32", 600, alice, "properties", "threshold=5");
    fabric.updateRefusedOn.add("n2");
    StackEntry entry = setup("10.0.0.2/32", 600, alice, "properties", "threshold=9");
    assertThat(entry.detail()).startsWith("updated NetMonitor_1.0 on n1; failed on n2: the container of "
        + "alice has no module NetMonitor_1.0");
    fabric.updateRefusedOn.add("n1");
    entry = setup("10.0.0.2/32", 600, alice, "properties", "threshold=10");
    assertThat(entry.code()).isEqualTo(502);
    assertThat(entry.detail()).contains("failed on every node");
  }

  /** What the deployments of the user's module record as its properties, one map per deployment. */
  private List<Map<String, String>> recordedProperties() {
    return fabric.deployments.deployments().stream().map(d -> d.module().orElseThrow().properties()).toList();
  }

  @Test
  void aSetupOfTheSameModuleWithOtherCodeIsRefusedAndChangesNothing() {
    setup("10.0.0.2/32", 600, alice, "properties", "threshold=5");
    fabric.calls.clear();
    StackEntry entry = setup("10.0.0.2/32", 900, alice, "properties", "threshold=9", "module-sha256",
        "cd".repeat(32));
    assertThat(entry.code()).as("review: new code under a running module's name was taken as an update")
        .isEqualTo(409);
    assertThat(entry.detail()).contains("runs other code as NetMonitor_1.0").contains("REMOVE it first");
    assertThat(fabric.calls).as("no refresh, no update").isEmpty();
    assertThat(recordedProperties()).containsExactly(Map.of("threshold", "5"));
  }

  /**
   * Signed SETUPs can arrive out of order (or be held back by someone on the path and sent later, within the
   * timestamp window, their nonces unused): the one signed earlier must not roll the properties back.
   */
  @Test
  void anOlderSetupCannotRollBackTheModulesProperties() {
    long now = NOW.getEpochSecond();
    setup("10.0.0.2/32", 600, alice, "properties", "threshold=5", "timestamp", String.valueOf(now - 20));
    setup("10.0.0.2/32", 600, alice, "properties", "threshold=9", "timestamp", String.valueOf(now - 10));
    fabric.calls.clear();
    StackEntry held = setup("10.0.0.2/32", 600, alice, "properties", "threshold=7", "timestamp",
        String.valueOf(now - 15));
    assertThat(held.code()).as("review: a SETUP signed before the last update rolled it back").isEqualTo(409);
    assertThat(held.detail()).contains("signed before the SETUP that set NetMonitor_1.0's properties");
    assertThat(fabric.calls).isEmpty();
    assertThat(recordedProperties()).containsExactly(Map.of("threshold", "9"));
    assertThat(setup("10.0.0.2/32", 600, alice, "properties", "threshold=9", "timestamp", String.valueOf(now - 15))
        .code()).as("an older SETUP that changes nothing only refreshes").isEqualTo(200);
  }

  @Test
  void anUpdateNoNodeAppliesIsNotRecorded() {
    setup("10.0.0.2/32", 600, alice, "properties", "threshold=5");
    fabric.updateRefusedOn.addAll(List.of("n1", "n2"));
    assertThat(setup("10.0.0.2/32", 600, alice, "properties", "threshold=9").code()).isEqualTo(502);
    assertThat(recordedProperties()).as("review: the store kept properties that run nowhere, for the next "
        + "node that installs the module").containsExactly(Map.of("threshold", "5"));
  }

  @Test
  void aPublisherCannotChangeTheModuleTheOperatorRunsForItsUser() throws Exception {
    ServiceRequest operators = new ServiceRequest("operator-alice", Filter.of(Protocol.UDP)
        .withDstPorts(PortRange.single(5061)), "pool", SteeringMode.REACTIVE, Optional.empty(), Optional.of("alice"));
    fabric.deployments.deploy(new DeploymentRequest(Deployment.Origin.API, operators, Optional.of(new ModuleInstall(
        "alice", "NetMonitor_1.0", URI.create("http://modules.example/NetMonitor.jar"), SHA,
        Map.of("threshold", "1"))), Optional.empty(), List.of())).done().join();
    setup("10.0.0.2/32", 600, alice, "properties", "threshold=1");
    fabric.calls.clear();
    StackEntry entry = setup("10.0.0.2/32", 600, alice, "properties", "threshold=1000");
    assertThat(entry.code()).as("review: alice's SETUP rewrote the operator's service outside her grant")
        .isEqualTo(409);
    assertThat(entry.detail()).contains("the operator runs NetMonitor_1.0 for user 'alice'");
    assertThat(fabric.calls).as("no node told").isEmpty();
    assertThat(recordedProperties()).containsOnly(Map.of("threshold", "1"));
  }

  @Test
  void probeModulesReturnsTheLatestReportOfEachNode() {
    setup("10.0.0.2/32", 600, alice);
    fabric.reports.put("n1", new org.netservof.bridge.api.ModuleReport("n1", "alice", "NetMonitor_1.0",
        Map.of("packets", 42), NOW));
    fabric.reports.put("n2", new org.netservof.bridge.api.ModuleReport("n2", "mallory", "NetMonitor_1.0",
        Map.of("packets", 666), NOW));
    StackEntry entry = send(Method.PROBE, "NetMonitor_1.0", Map.of("probe", "modules"), alice);
    assertThat(entry.detail()).contains("\"reports\":{\"n1\":{").contains("\"packets\":42")
        .doesNotContain("666");
  }

  @Test
  void aSetupCarriesTheUsersListenGrantToEveryNodeAndAProbeShowsIt() {
    setup("10.0.0.2/32", 600, alice);
    assertThat(fabric.installs).hasSize(2).allSatisfy(i -> assertThat(i.listenPorts())
        .containsExactly("udp:3478", "tcp:80"));
    assertThat(send(Method.PROBE, "NetMonitor_1.0", Map.of("probe", "policy"), alice).detail())
        .contains("\"listen-ports\":[\"udp:3478\",\"tcp:80\"]");
  }

  @Test
  void aProbeAnswersWithTheServiceAddressesOfTheNodesAndOfThoseRunningTheUsersModule() {
    setup("10.0.0.2/32", 600, alice);
    StackEntry nodes = send(Method.PROBE, "NetMonitor_1.0", Map.of("probe", "nodes"), alice);
    assertThat(nodes.detail()).contains("\"id\":\"n1\"").contains("\"address\":\"10.0.0.101\"")
        .contains("\"address\":\"10.0.0.103\"");
    StackEntry modules = send(Method.PROBE, "NetMonitor_1.0", Map.of("probe", "modules"), alice);
    assertThat(modules.detail()).as("n3 is unhealthy and runs nothing")
        .contains("\"addresses\":[\"10.0.0.101\",\"10.0.0.102\"]");
  }
}
