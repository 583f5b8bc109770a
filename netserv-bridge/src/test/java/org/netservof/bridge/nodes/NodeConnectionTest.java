package org.netservof.bridge.nodes;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.netservof.bridge.api.ModuleInstall;
import org.netservof.bridge.store.BridgeStores;
import org.netservof.controller.store.MemoryStoreService;
import org.netservof.policy.fabric.SwitchPort;
import org.netservof.protocol.node.ChannelMessage;
import org.netservof.protocol.node.ChannelSecurity;
import org.netservof.protocol.node.Json;
import org.projectfloodlight.openflow.types.DatapathId;
import org.projectfloodlight.openflow.types.MacAddress;
import org.projectfloodlight.openflow.types.OFPort;

/** The controller's end of the node channel, line by line, with a node played by the test. */
class NodeConnectionTest {
  private static final String TOKEN = "0123456789abcdef0123456789abcdef";
  private static final SwitchPort PORT_11 = new SwitchPort(DatapathId.of(1), OFPort.of(11));
  private static final MacAddress MAC = MacAddress.of("0a:00:00:00:09:01");

  private final RecordingPools steering = new RecordingPools();
  private final NodeManager manager = new NodeManager(steering, steering, steering, Clock.systemUTC(),
      new NodeRoster(Map.of("n1", new NodeRoster.Entry(TOKEN, "pool", PORT_11, 2))),
      new InstalledModules(BridgeStores.deployments(new MemoryStoreService())), NodeHolders.alone());
  /** Whether the controller is stopping, as the channel server tells its connections. */
  private final AtomicBoolean stopping = new AtomicBoolean();
  private final EmbeddedChannel channel = new EmbeddedChannel(new NodeConnection(manager,
      NodeChannelConfig.DEFAULTS, stopping::get));
  private final String nodeNonce = ChannelSecurity.nonce();
  private ChannelSecurity.Session session;

  @AfterEach
  void close() {
    channel.finishAndReleaseAll();
  }

  private ChannelMessage.Register register(String mac) {
    return new ChannelMessage.Register("n1", mac, "n1-eth0", 2, "pool", List.of("java-modules"),
        "00:00:00:00:00:00:00:01", 11, nodeNonce, "10.0.0.100");
  }

  private void sendPlain(ChannelMessage m) {
    channel.writeInbound(Json.line(m));
  }

  private ChannelMessage readPlain() throws Exception {
    String line = channel.readOutbound();
    assertThat(line).as("an answer").isNotNull();
    return Json.read(line.trim(), ChannelMessage.class);
  }

  /** Registers as n1 with the token and a hello through port 11; returns the challenge nonce. */
  private String registerFully() throws Exception {
    sendPlain(register(MAC.toString()));
    ChannelMessage.Challenge challenge = (ChannelMessage.Challenge) readPlain();
    assertThat(challenge.proof()).as("the controller proves it knows the token")
        .isEqualTo(ChannelSecurity.controllerProof(TOKEN, nodeNonce, challenge.nonce(), "n1"));
    sendPlain(new ChannelMessage.Proof(ChannelSecurity.nodeProof(TOKEN, nodeNonce, challenge.nonce(), "n1")));
    manager.hellos().seen(challenge.nonce(), PORT_11, MAC);
    channel.runPendingTasks();
    session = ChannelSecurity.Session.forNode(TOKEN, nodeNonce, challenge.nonce(), "n1");
    String line = channel.readOutbound();
    assertThat(session.open(line.trim())).isEqualTo(new ChannelMessage.Registered(1000));
    return challenge.nonce();
  }

  /** Has the controller install a module for alice on n1 (so that n1's reports about her count). */
  private void installForAlice() throws Exception {
    manager.install("n1", new ModuleInstall("alice", "M_1", java.net.URI.create("http://10.0.0.9/m.jar"),
        "a".repeat(64), Map.of()));
    channel.runPendingTasks();
    assertThat(session.open(((String) channel.readOutbound()).trim())).isInstanceOf(ChannelMessage.Install.class);
  }

  /**
   * A grant is never replayed from an old install: the node is told the users' grants in force after it
   * registers and whenever they change (an empty map revokes), and an install stored with the grant of its
   * time carries the one in force when it is sent.
   */
  @Test
  void aNodeIsToldTheGrantsInForceAndAStoredInstallCarriesTheCurrentGrantNotItsOwn() throws Exception {
    manager.listenGrants(Map.of("alice", List.of("udp:3478", "tcp:80")));
    registerFully();
    assertThat(session.open(((String) channel.readOutbound()).trim())).as("told after its registration")
        .isEqualTo(new ChannelMessage.Grants(Map.of("alice", List.of("udp:3478", "tcp:80"))));
    manager.listenGrants(Map.of("alice", List.of("udp:3478")));
    channel.runPendingTasks();
    assertThat(session.open(((String) channel.readOutbound()).trim())).as("told when alice's grant narrows")
        .isEqualTo(new ChannelMessage.Grants(Map.of("alice", List.of("udp:3478"))));
    manager.install("n1", new ModuleInstall("alice", "M_1", java.net.URI.create("http://10.0.0.9/m.jar"),
        "a".repeat(64), Map.of(), List.of("udp:3478", "tcp:80")));
    channel.runPendingTasks();
    ChannelMessage.Install sent = (ChannelMessage.Install) session.open(((String) channel.readOutbound()).trim());
    assertThat(sent.listenPorts()).as("the grant in force, not the stored one").containsExactly("udp:3478");
    manager.listenGrants(Map.of());
    channel.runPendingTasks();
    assertThat(session.open(((String) channel.readOutbound()).trim())).as("a revocation")
        .isEqualTo(new ChannelMessage.Grants(Map.of()));
  }

  @Test
  void aNodeWithTheTokenAndATrueAttachmentJoinsItsPool() throws Exception {
    registerFully();
    installForAlice();
    assertThat(steering.calls()).containsExactly("add n1 " + PORT_11, "healthy n1");
    assertThat(steering.node("n1").orElseThrow().connected()).isTrue();
    assertThat(steering.node("n1").orElseThrow().spec().weight()).isEqualTo(2);

    channel.writeInbound(session.seal(new ChannelMessage.ContainerState("alice", 3100, true,
        List.of("NetMonitor_1.0"), "installed")));
    channel.writeInbound(session.seal(new ChannelMessage.Heartbeat(List.of())));
    channel.runPendingTasks();
    assertThat(session.open(((String) channel.readOutbound()).trim())).as("each heartbeat is answered")
        .isEqualTo(new ChannelMessage.Heartbeat(List.of()));
    assertThat(steering.calls()).contains("ready n1 alice");
    assertThat(steering.node("n1").orElseThrow().agent().orElseThrow().readyUsers()).containsExactly("alice");
    assertThat(steering.node("n1").orElseThrow().agent().orElseThrow().lastHeartbeat()).isPresent();
  }

  /**
   * The silence that declares a node dead counts from its registration: a hello frame that took most of
   * {@code dead-after} to come through (a switch reconnecting after a controller restart) does not get the node
   * declared lost before its first heartbeat could arrive (CI: "lost: no heartbeat" with no heartbeat ever read).
   */
  @Test
  void silenceCountsFromTheRegistrationNotFromTheRegistrationsLastLine() throws Exception {
    long deadAfter = NodeChannelConfig.DEFAULTS.deadAfter().toMillis();
    channel.freezeTime();
    sendPlain(register(MAC.toString()));
    ChannelMessage.Challenge challenge = (ChannelMessage.Challenge) readPlain();
    sendPlain(new ChannelMessage.Proof(ChannelSecurity.nodeProof(TOKEN, nodeNonce, challenge.nonce(), "n1")));
    channel.advanceTimeBy(deadAfter - 100, TimeUnit.MILLISECONDS);
    manager.hellos().seen(challenge.nonce(), PORT_11, MAC);
    channel.runPendingTasks();
    assertThat(steering.node("n1").orElseThrow().connected()).as("registered").isTrue();

    channel.advanceTimeBy(500, TimeUnit.MILLISECONDS);
    channel.runPendingTasks();
    assertThat(steering.node("n1").orElseThrow().connected()).as("half a second after registering").isTrue();
    assertThat(steering.calls()).doesNotContain("unhealthy n1");

    channel.advanceTimeBy(deadAfter, TimeUnit.MILLISECONDS);
    channel.runPendingTasks();
    assertThat(steering.node("n1").orElseThrow().connected()).as("silent for dead-after since registering")
        .isFalse();
    assertThat(steering.calls()).contains("unhealthy n1");
  }

  @Test
  void installsGoSealedWithTheUsersMarkAndCompleteOnTheNodesResult() throws Exception {
    registerFully();
    ModuleInstall install = new ModuleInstall("alice", "NetMonitor_1.0", java.net.URI.create("http://10.0.0.9/m.jar"),
        "a".repeat(64), Map.of("report-top", "5"));
    var done = manager.install("n1", install);
    channel.runPendingTasks();
    ChannelMessage.Install sent = (ChannelMessage.Install) session.open(((String) channel.readOutbound()).trim());
    assertThat(sent.vlan()).isEqualTo(steering.containerMark("n1", "alice"));
    assertThat(sent.properties()).containsEntry("report-top", "5");
    assertThat(done).isNotDone();
    channel.writeInbound(session.seal(new ChannelMessage.Result(sent.requestId(), true, "")));
    assertThat(done).succeedsWithin(1, TimeUnit.SECONDS);

    var refused = manager.install("n1", install);
    channel.runPendingTasks();
    ChannelMessage.Install again = (ChannelMessage.Install) session.open(((String) channel.readOutbound()).trim());
    channel.writeInbound(session.seal(new ChannelMessage.Result(again.requestId(), false,
        "module NetMonitor_1.0: the JAR's SHA-256 is 9f..., the request says aaaa...; refusing to load it")));
    assertThat(refused).failsWithin(1, TimeUnit.SECONDS).withThrowableThat().withMessageContaining("refusing");
  }

  @Test
  void aNodeThatDoesNotKnowTheTokenIsRefusedAndNothingChanges() throws Exception {
    sendPlain(register(MAC.toString()));
    ChannelMessage.Challenge challenge = (ChannelMessage.Challenge) readPlain();
    sendPlain(new ChannelMessage.Proof(ChannelSecurity.nodeProof("not-the-token-at-all", nodeNonce,
        challenge.nonce(), "n1")));
    assertThat(readPlain()).isEqualTo(new ChannelMessage.Refused("wrong token"));
    assertThat(channel.isOpen()).isFalse();
    assertThat(steering.calls()).isEmpty();
    assertThat(steering.nodes()).isEmpty();
  }

  @Test
  void aHelloFromAnotherPortOrMacDoesNotCountAndTheNodeIsRefusedInTime() throws Exception {
    sendPlain(register(MAC.toString()));
    ChannelMessage.Challenge challenge = (ChannelMessage.Challenge) readPlain();
    sendPlain(new ChannelMessage.Proof(ChannelSecurity.nodeProof(TOKEN, nodeNonce, challenge.nonce(), "n1")));
    manager.hellos().seen(challenge.nonce(), new SwitchPort(DatapathId.of(1), OFPort.of(12)), MAC);
    manager.hellos().seen(challenge.nonce(), PORT_11, MacAddress.of("0a:00:00:00:09:99"));
    channel.runPendingTasks();
    assertThat((Object) channel.readOutbound()).as("no answer yet").isNull();
    channel.advanceTimeBy(5, TimeUnit.SECONDS);
    channel.runScheduledPendingTasks();
    assertThat(((ChannelMessage.Refused) readPlain()).reason()).contains("not plugged in where it says");
    assertThat(channel.isOpen()).isFalse();
    assertThat(steering.calls()).isEmpty();
  }

  @Test
  void malformedRegistrationsAreRefusedWithTheReason() throws Exception {
    sendPlain(register("not-a-mac"));
    assertThat(((ChannelMessage.Refused) readPlain()).reason()).contains("mac 'not-a-mac' is not a MAC address");
    assertThat(channel.isOpen()).isFalse();
  }

  @Test
  void aForgedLineAfterRegistrationClosesTheChannelAndTakesTheNodeOutOfService() throws Exception {
    registerFully();
    String line = session.seal(new ChannelMessage.Heartbeat(List.of()));
    channel.writeInbound(line.replace("heartbeat", "leaving"));
    assertThat(channel.isOpen()).isFalse();
    assertThat(steering.calls()).endsWith("unhealthy n1");
    assertThat(steering.node("n1").orElseThrow().connected()).isFalse();
  }

  @Test
  void aNodeThatLeavesIsTakenOutOfServiceAtOnce() throws Exception {
    registerFully();
    installForAlice();
    channel.writeInbound(session.seal(new ChannelMessage.ContainerState("alice", 3100, true, List.of("M_1"), "x")));
    channel.writeInbound(session.seal(new ChannelMessage.Leaving("the node agent is stopping")));
    assertThat(steering.calls()).endsWith("unhealthy n1", "not ready n1 alice");
    assertThat(steering.node("n1").orElseThrow().status()).isEqualTo("node agent left: the node agent is stopping");
  }

  @Test
  void aChannelTheStoppingControllerClosesLeavesTheNodeInService() throws Exception {
    registerFully();
    installForAlice();
    List<String> before = steering.calls();
    stopping.set(true);
    channel.close();
    // Marking it unhealthy would move its flows off it for the seconds the controller is away (a SIGTERM
    // restart lost 131 of 1,200 steered packets that way); its agent keeps its containers meanwhile.
    assertThat(steering.calls()).isEqualTo(before);
  }
}
