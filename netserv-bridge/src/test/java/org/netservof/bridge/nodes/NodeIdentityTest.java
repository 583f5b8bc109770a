package org.netservof.bridge.nodes;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.netservof.bridge.api.ModuleInstall;
import org.netservof.bridge.api.NodeChannelEvent;
import org.netservof.bridge.store.BridgeStores;
import org.netservof.controller.store.MemoryStoreService;
import org.netservof.policy.fabric.SwitchPort;
import org.netservof.protocol.node.ChannelMessage;
import org.projectfloodlight.openflow.types.DatapathId;
import org.projectfloodlight.openflow.types.MacAddress;
import org.projectfloodlight.openflow.types.OFPort;

/** Nodes prove who they are: their own token, the configuration's pool, weight and port, and a live id kept. */
class NodeIdentityTest {
  private static final String T1 = "n1-token-0123456789abcdef";
  private static final String T2 = "n2-token-0123456789abcdef";
  private static final SwitchPort PORT_11 = new SwitchPort(DatapathId.of(1), OFPort.of(11));
  private static final SwitchPort PORT_12 = new SwitchPort(DatapathId.of(1), OFPort.of(12));
  private static final MacAddress MAC_1 = MacAddress.of("0a:00:00:00:09:01");
  private static final MacAddress MAC_2 = MacAddress.of("0a:00:00:00:09:02");
  /** Short heartbeats, so that a silent node is given up on quickly. */
  private static final NodeChannelConfig FAST = new NodeChannelConfig(Duration.ofMillis(100), Duration.ofMillis(300),
      Duration.ofSeconds(1));

  private final RecordingPools steering = new RecordingPools();
  private final NodeManager manager = new NodeManager(steering, steering, steering, Clock.systemUTC(),
      new NodeRoster(Map.of("n1", new NodeRoster.Entry(T1, "pool", PORT_11, 2),
          "n2", new NodeRoster.Entry(T2, "pool", PORT_12, 1))),
      new InstalledModules(BridgeStores.deployments(new MemoryStoreService())), NodeHolders.alone());
  private final List<FakeNodeEnd> ends = new java.util.ArrayList<>();

  @AfterEach
  void close() {
    ends.forEach(FakeNodeEnd::close);
  }

  private FakeNodeEnd end(NodeChannelConfig config) {
    FakeNodeEnd end = new FakeNodeEnd(manager, config);
    ends.add(end);
    return end;
  }

  /** n1, registered with its own token through its own port. */
  private FakeNodeEnd n1(NodeChannelConfig config) throws Exception {
    FakeNodeEnd n1 = end(config);
    n1.claim("n1", "pool", 2, T1, PORT_11, MAC_1);
    assertThat(n1.next()).isEqualTo(new ChannelMessage.Registered(config.heartbeat().toMillis()));
    return n1;
  }

  private List<NodeChannelEvent.Type> events() {
    return manager.events().stream().map(NodeChannelEvent::type).toList();
  }

  @Test
  void aNodeProvingAnotherNodesTokenIsRefused() throws Exception {
    FakeNodeEnd n2 = end(NodeChannelConfig.DEFAULTS);
    n2.claim("n1", "pool", 2, T2, PORT_11, MAC_1);
    assertThat(n2.next()).isEqualTo(new ChannelMessage.Refused("wrong token"));
    assertThat(n2.channel.isOpen()).isFalse();
    assertThat(steering.nodes()).isEmpty();
    assertThat(manager.events()).singleElement().satisfies(e -> {
      assertThat(e.type()).isEqualTo(NodeChannelEvent.Type.REFUSED);
      assertThat(e.nodeId()).isEqualTo("n1");
      assertThat(e.detail()).contains("does not know the token of node n1");
    });
  }

  @Test
  void anIdTheConfigurationDoesNotDeclareIsRefused() throws Exception {
    FakeNodeEnd stranger = end(NodeChannelConfig.DEFAULTS);
    assertThat(stranger.register("n9", "pool", 1, PORT_11, MAC_1))
        .isEqualTo(new ChannelMessage.Refused("node id n9 is not in this controller's node-agents"));
    assertThat(stranger.channel.isOpen()).isFalse();
    assertThat(events()).containsExactly(NodeChannelEvent.Type.REFUSED);
  }

  @Test
  void aNodeThatSaysItIsPluggedInElsewhereIsRefused() throws Exception {
    FakeNodeEnd liar = end(NodeChannelConfig.DEFAULTS);
    ChannelMessage answer = liar.register("n1", "pool", 2, PORT_12, MAC_1);
    assertThat(((ChannelMessage.Refused) answer).reason()).isEqualTo("node n1 says it is plugged into " + PORT_12
        + "; the configuration puts it at " + PORT_11);
    assertThat(steering.nodes()).isEmpty();
    assertThat(events()).containsExactly(NodeChannelEvent.Type.REFUSED);
  }

  @Test
  void aNodesOwnPoolAndWeightAreOverruledByTheConfiguration() throws Exception {
    FakeNodeEnd n1 = end(NodeChannelConfig.DEFAULTS);
    n1.claim("n1", "premium", 9000, T1, PORT_11, MAC_1);
    assertThat(n1.next()).isInstanceOf(ChannelMessage.Registered.class);
    assertThat(steering.node("n1").orElseThrow().spec().pool()).isEqualTo("pool");
    assertThat(steering.node("n1").orElseThrow().spec().weight()).isEqualTo(2);
    assertThat(manager.events()).singleElement().satisfies(e -> {
      assertThat(e.type()).isEqualTo(NodeChannelEvent.Type.OVERRULED);
      assertThat(e.detail()).isEqualTo("node n1 says pool premium weight 9000; the configuration's pool pool weight 2 "
          + "is used");
    });
  }

  @Test
  void aSecondRegistrationUnderALiveIdIsRefusedAndGetsNothing() throws Exception {
    FakeNodeEnd n1 = n1(NodeChannelConfig.DEFAULTS);
    FakeNodeEnd impostor = end(NodeChannelConfig.DEFAULTS);
    impostor.claim("n1", "pool", 2, T1, PORT_11, MAC_1);
    ChannelMessage.Ping ping = (ChannelMessage.Ping) n1.next();
    assertThat(impostor.next()).as("no answer while the live node is asked").isNull();
    n1.send(new ChannelMessage.Result(ping.requestId(), true, ""));
    impostor.channel.runPendingTasks();
    assertThat(impostor.next()).isEqualTo(new ChannelMessage.Refused("node n1 is connected and answers"));
    assertThat(impostor.channel.isOpen()).isFalse();
    assertThat(n1.channel.isOpen()).isTrue();
    assertThat(steering.node("n1").orElseThrow().connected()).isTrue();
    assertThat(events()).containsExactly(NodeChannelEvent.Type.REFUSED);

    CompletableFuture<Void> install = manager.install("n1", new ModuleInstall("alice", "NetMonitor_1.0",
        URI.create("http://10.0.0.9/m.jar"), "a".repeat(64), Map.of("secret", "s")));
    assertThat(n1.next()).as("the user's install goes to the live node").isInstanceOf(ChannelMessage.Install.class);
    assertThat(impostor.next()).isNull();
    assertThat(install).isNotDone();
  }

  @Test
  void aLiveIdIsTakenOverOnlyWhenTheNodeHoldingItIsSilent() throws Exception {
    FakeNodeEnd silent = n1(FAST);
    FakeNodeEnd restarted = end(FAST);
    restarted.claim("n1", "pool", 2, T1, PORT_11, MAC_1);
    assertThat(silent.next()).isInstanceOf(ChannelMessage.Ping.class);
    ChannelMessage answer = null;
    for (long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10); answer == null && System.nanoTime() < until; ) {
      Thread.sleep(20);
      answer = restarted.next();
    }
    assertThat(answer).isEqualTo(new ChannelMessage.Registered(FAST.heartbeat().toMillis()));
    silent.channel.runPendingTasks();
    assertThat(silent.channel.isOpen()).isFalse();
    assertThat(events()).containsExactly(NodeChannelEvent.Type.REPLACED);
    assertThat(steering.node("n1").orElseThrow().connected()).isTrue();
  }

  @Test
  void containerReportsCountOnlyForUsersInstalledOnThatNode() throws Exception {
    FakeNodeEnd n1 = n1(NodeChannelConfig.DEFAULTS);
    n1.send(new ChannelMessage.ContainerState("bob", 3100, true, List.of("Spy_1.0"), "installed"));
    n1.send(new ChannelMessage.Heartbeat(List.of(new ChannelMessage.ContainerStats("bob", 3100, true, 0, 1, 2, 3, 0,
        List.of()))));
    assertThat(steering.calls()).doesNotContain("ready n1 bob");
    assertThat(steering.node("n1").orElseThrow().agent().orElseThrow().readyUsers()).isEmpty();
    assertThat(steering.node("n1").orElseThrow().agent().orElseThrow().containers()).isEmpty();
    List<ChannelMessage> sent = new java.util.ArrayList<>();
    for (ChannelMessage m = n1.next(); m != null; m = n1.next()) {
      sent.add(m);
    }
    assertThat(sent).as("what runs for bob there is asked to go").anySatisfy(m -> assertThat(m)
        .isInstanceOfSatisfying(ChannelMessage.Remove.class, r -> assertThat(r.user() + " " + r.module())
            .isEqualTo("bob Spy_1.0")));
  }

  @Test
  void aNodeWhoseEntryChangesOrGoesIsDisconnected() throws Exception {
    FakeNodeEnd n1 = n1(NodeChannelConfig.DEFAULTS);
    manager.setRoster(new NodeRoster(Map.of("n1", new NodeRoster.Entry(T1, "pool", PORT_11, 2))));
    n1.channel.runPendingTasks();
    assertThat(n1.channel.isOpen()).as("the same entry: untouched").isTrue();
    manager.setRoster(new NodeRoster(Map.of("n1", new NodeRoster.Entry("n1-new-token-0123456789", "pool", PORT_11,
        2))));
    n1.channel.runPendingTasks();
    assertThat(n1.channel.isOpen()).as("its token was changed").isFalse();
    assertThat(steering.node("n1").orElseThrow().connected()).isFalse();
  }

  @Test
  void aNodeCannotAnswerACommandSentToAnotherNode() throws Exception {
    FakeNodeEnd n1 = n1(NodeChannelConfig.DEFAULTS);
    FakeNodeEnd n2 = end(NodeChannelConfig.DEFAULTS);
    n2.claim("n2", "pool", 1, T2, PORT_12, MAC_2);
    assertThat(n2.next()).isInstanceOf(ChannelMessage.Registered.class);
    CompletableFuture<Void> install = manager.install("n1", new ModuleInstall("alice", "NetMonitor_1.0",
        URI.create("http://10.0.0.9/m.jar"), "a".repeat(64), Map.of()));
    ChannelMessage.Install sent = (ChannelMessage.Install) n1.next();
    n2.send(new ChannelMessage.Result(sent.requestId(), true, ""));
    assertThat(install).as("n2 cannot confirm n1's install").isNotDone();
    n1.send(new ChannelMessage.Result(sent.requestId(), true, ""));
    assertThat(install).succeedsWithin(1, TimeUnit.SECONDS);
  }
}
