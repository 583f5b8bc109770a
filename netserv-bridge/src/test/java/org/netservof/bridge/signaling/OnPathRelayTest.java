package org.netservof.bridge.signaling;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netservof.bridge.signaling.SignalFrames.Endpoint;
import org.netservof.bridge.testing.RecordingFabric;
import org.netservof.controller.api.fabric.Host;
import org.netservof.controller.api.fabric.HostCounts;
import org.netservof.controller.api.fabric.HostListener;
import org.netservof.controller.api.fabric.HostService;
import org.netservof.controller.store.MemoryIntentStore;
import org.netservof.controller.testing.Eventually;
import org.netservof.controller.testing.FakeSwitch;
import org.netservof.controller.testing.FakeSwitchService;
import org.netservof.controller.testing.FakeTopologyService;
import org.netservof.controller.testing.LogCapture;
import org.netservof.controller.testing.PacketIns;
import org.netservof.controller.topology.TopologyGraph;
import org.netservof.policy.fabric.Link;
import org.netservof.policy.fabric.SwitchPort;
import org.netservof.protocol.signaling.Method;
import org.netservof.protocol.signaling.SignalCodec;
import org.netservof.protocol.signaling.SignalKeys;
import org.netservof.protocol.signaling.SignalRequest;
import org.netservof.protocol.url.UrlPolicy;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFPacketOut;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.protocol.action.OFActionOutput;
import org.projectfloodlight.openflow.types.DatapathId;
import org.projectfloodlight.openflow.types.IPv4Address;
import org.projectfloodlight.openflow.types.MacAddress;

/**
 * The relay as a flooding host would meet it: a request is checked before it goes anywhere or is remembered,
 * signaling is never flooded, and what waits for an answer has a bound. h1 (port 1) asks toward h2 (port 2)
 * on one switch whose ports 3 and 4 lead to other hosts.
 */
class OnPathRelayTest {
  private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");
  private static final Endpoint H1 = new Endpoint(IPv4Address.of("10.0.0.1"), 40000);
  private static final Endpoint H2 = new Endpoint(IPv4Address.of("10.0.0.2"), 270);
  private static final MacAddress H1_MAC = MacAddress.of(1);
  private static final MacAddress H2_MAC = MacAddress.of(2);
  @TempDir
  Path dir;
  private PrivateKey alice;
  private PrivateKey mallory;
  private final FakeSwitch sw = new FakeSwitch(1, OFVersion.OF_13, 4);
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
  private final RecordingFabric fabric = new RecordingFabric();
  private final SignalingCounters counters = new SignalingCounters();
  private OnPathRelay relay;
  private int nonces;

  @BeforeEach
  void domain() throws Exception {
    alice = SignalKeys.generate(dir.resolve("alice")).getPrivate();
    mallory = SignalKeys.generate(dir.resolve("mallory")).getPrivate();
    fabric.node("n1", "pool", true, "java-modules");
    relay = relay(SignalingConfig.DEFAULTS);
  }

  @AfterEach
  void stop() {
    relay.clear();
    timer.shutdownNow();
  }

  private OnPathRelay relay(SignalingConfig config) throws Exception {
    Users users = new Users();
    users.replace(List.of(new UserConfig("alice", SignalKeys.publicFile(dir.resolve("alice")).toString(),
        List.of("10.0.0.0/24"), List.of("udp"), 2, 0)));
    SignaledServices services = new SignaledServices(fabric.steering, fabric.steering, fabric.deployments,
        fabric.updates, config);
    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    SignalProcessor processor = new SignalProcessor("d1", new Authenticator(users, clock, config.timestampWindow(),
        config.maxNoncesPerUser(), counters, new MemoryIntentStore<>("signaling-nonces")), services, fabric.pools,
        new Notifier(new UrlPolicy("notification-urls", List.of()), services::runs),
        new SignalingMeters(new io.micrometer.core.instrument.simple.SimpleMeterRegistry()), clock);
    Hosts hosts = new Hosts();
    hosts.put(H1_MAC, 1);
    hosts.put(H2_MAC, 2);
    return new OnPathRelay(processor, Runnable::run, new SignalSender(new FakeSwitchService().add(sw), hosts,
        topology(), counters), timer, config, counters, clock);
  }

  /**
   * Port 4 is a cable to switch 2 and port 3 has just come up (still in quarantine, as every port is right
   * after a restart): neither is an edge port yet, and only port 4 leads into the fabric.
   */
  private static FakeTopologyService topology() {
    Link cable = new Link(SwitchPort.of(1, 4), SwitchPort.of(2, 1));
    return new FakeTopologyService(new TopologyGraph(NOW, Map.of(DatapathId.of(1), Set.of(SwitchPort.of(1, 1),
        SwitchPort.of(1, 2), SwitchPort.of(1, 3), SwitchPort.of(1, 4)), DatapathId.of(2), Set.of(SwitchPort.of(2, 1))),
        Set.of(cable, cable.reverse()), Set.of(SwitchPort.of(1, 3)), Set.of(), Map.of(), 16));
  }

  private static SignalingConfig config(Duration downstreamTimeout, int maxPending) {
    return new SignalingConfig("d1", "pool", "reactive", downstreamTimeout, Duration.ofSeconds(60), maxPending, 100);
  }

  /** A PROBE of alice's, signed with {@code key}, from h1 toward h2 at {@code dstMac}, as it enters port 1. */
  private void probe(PrivateKey key, MacAddress dstMac) {
    Map<String, String> h = new LinkedHashMap<>();
    h.put("probe", "status");
    h.put("user", "alice");
    h.put("nonce", String.format("nonce-%012d", ++nonces));
    h.put("timestamp", String.valueOf(NOW.getEpochSecond()));
    byte[] raw = SignalCodec.encode(SignalKeys.signed(new SignalRequest(Method.PROBE, "NetMonitor_1.0", h), key));
    byte[] frame = SignalFrames.build(H1_MAC, dstMac, H1, H2, raw);
    relay.receive(sw, PacketIns.of(sw.factory(), 1, frame), PacketIns.context(1, frame));
  }

  /** What the switch was told to send, as "port: first line of the signaling text". */
  private List<String> sent() {
    List<String> out = new ArrayList<>();
    for (OFMessage m : sw.take()) {
      OFPacketOut po = (OFPacketOut) m;
      byte[] data = po.getData();
      String text = new String(Arrays.copyOfRange(data, 42, data.length), StandardCharsets.US_ASCII);
      out.add(((OFActionOutput) po.getActions().get(0)).getPort().getPortNumber() + ": " + text.lines().findFirst()
          .orElse(""));
    }
    return out;
  }

  @Test
  void aBadlySignedRequestIsAnsweredAtOnceAndGoesNowhereElse() {
    probe(mallory, H2_MAC);
    assertThat(sent()).as("only the answer, back to h1").containsExactly("1: NETSERV/0.1 401 Unauthorized");
    assertThat(relay.waiting()).as("nothing waits for it").isZero();
    assertThat(counters.stats()).satisfies(s -> {
      assertThat(s.received()).isEqualTo(1);
      assertThat(s.unauthenticated()).isEqualTo(1);
      assertThat(s.relayed()).isZero();
      assertThat(s.nonces()).as("its nonce not remembered").isZero();
    });
  }

  @Test
  void aSprayOfForgeriesWithFreshNoncesRelaysNothingAndRemembersNothing() {
    for (int i = 0; i < 200; i++) {
      probe(mallory, MacAddress.of(0x020000000000L + i));
    }
    assertThat(sent()).as("no copy anywhere; the answers only to h1").hasSize(200)
        .allMatch(s -> s.equals("1: NETSERV/0.1 401 Unauthorized"));
    assertThat(counters.stats()).satisfies(s -> {
      assertThat(s.unauthenticated()).isEqualTo(200);
      assertThat(s.pending()).isZero();
      assertThat(s.nonces()).isZero();
    });
    probe(alice, H2_MAC);
    assertThat(sent()).as("alice still gets through").containsExactly("2: PROBE NetMonitor_1.0 NETSERV/0.1");
  }

  @Test
  void anAnswerForAHostNobodyKnowsIsDroppedNotFlooded() {
    probe(mallory, H2_MAC);
    sw.take();
    byte[] raw = "NETSERV/0.1 200 OK\nmethod:PROBE\nmodule:M_1\nnonce:nonce-000000000077\n\n"
        .getBytes(StandardCharsets.US_ASCII);
    byte[] frame = SignalFrames.build(H2_MAC, MacAddress.of("02:00:00:00:77:77"), H2,
        new Endpoint(IPv4Address.of("10.0.0.77"), 40000), raw);
    relay.receive(sw, PacketIns.of(sw.factory(), 2, frame), PacketIns.context(2, frame));
    assertThat(sent()).isEmpty();
    assertThat(counters.stats().undeliverable()).isEqualTo(1);
  }

  @Test
  void aFloodOfMalformedAnswersIsDroppedWithinTheLogBudget() {
    byte[] raw = "NETSERV/0.1 banana\n\n".getBytes(StandardCharsets.US_ASCII);
    byte[] frame = SignalFrames.build(H2_MAC, H1_MAC, H2, H1, raw);
    try (LogCapture logs = new LogCapture()) {
      for (int i = 0; i < 1000; i++) {
        relay.receive(sw, PacketIns.of(sw.factory(), 2, frame), PacketIns.context(2, frame));
      }
      assertThat(logs.problems()).as("lines for 1000 malformed answers").hasSizeLessThanOrEqualTo(20)
          .allMatch(l -> l.contains("malformed signaling response"));
    }
    assertThat(sent()).isEmpty();
  }

  /**
   * Right after a controller restart no host is known yet and new ports sit in quarantine, where nothing is
   * learnt: the answer goes back out of the port the request came in by, where its sender is (CI: a replayed
   * SETUP after a restart was refused, but its 401 was dropped as undeliverable and the client heard nothing).
   */
  @Test
  void anAnswerGoesBackOutOfThePortItsRequestCameInByWhenItsSenderIsNotLearntYet() {
    MacAddress stranger = MacAddress.of("02:00:00:00:00:03");
    byte[] raw = SignalCodec.encode(SignalKeys.signed(new SignalRequest(Method.PROBE, "NetMonitor_1.0",
        Map.of("probe", "status", "user", "alice", "nonce", "nonce-000000000099", "timestamp",
            String.valueOf(NOW.getEpochSecond()))), mallory));
    byte[] frame = SignalFrames.build(stranger, H2_MAC, new Endpoint(IPv4Address.of("10.0.0.3"), 40000), H2, raw);
    relay.receive(sw, PacketIns.of(sw.factory(), 3, frame), PacketIns.context(3, frame));
    assertThat(sent()).as("the answer to a host on a port in quarantine")
        .containsExactly("3: NETSERV/0.1 401 Unauthorized");

    relay.receive(sw, PacketIns.of(sw.factory(), 4, frame), PacketIns.context(4, frame));
    assertThat(sent()).as("never back into the fabric by a cable: the sender is not behind it").isEmpty();
    assertThat(counters.stats().undeliverable()).isEqualTo(1);
  }

  @Test
  void aSignedRequestGoesOnToItsNextHopAndWaitsThere() {
    probe(alice, H2_MAC);
    assertThat(sent()).containsExactly("2: PROBE NetMonitor_1.0 NETSERV/0.1");
    assertThat(relay.waiting()).isEqualTo(1);
  }

  @Test
  void signalingForAnUnknownMacIsNotFloodedThisDomainAnswersAsTheLast() {
    probe(alice, MacAddress.of("02:00:00:00:99:99"));
    assertThat(sent()).as("no copy out of ports 2, 3 and 4").containsExactly("1: NETSERV/0.1 200 OK");
    assertThat(relay.waiting()).isZero();
    assertThat(counters.stats().nextHopUnknown()).isEqualTo(1);
  }

  @Test
  void whatWaitsForAnAnswerHasABoundAndANewcomerBeyondItIsRefused() throws Exception {
    int bound = 4;
    relay.clear();
    relay = relay(config(Duration.ofSeconds(60), bound));
    for (int i = 0; i < bound + 5; i++) {
      probe(alice, H2_MAC);
    }
    List<String> sent = sent();
    assertThat(relay.waiting()).isEqualTo(bound);
    assertThat(sent).filteredOn(s -> s.startsWith("2: ")).hasSize(bound);
    assertThat(sent).filteredOn(s -> s.startsWith("1: ")).containsOnly("1: NETSERV/0.1 503 Unavailable")
        .hasSize(5);
    assertThat(counters.stats().pendingFull()).isEqualTo(5);
  }

  @Test
  void aWaitingRequestExpiresAfterTheDownstreamTimeoutAndThisDomainAnswers() throws Exception {
    relay.clear();
    relay = relay(config(Duration.ofMillis(100), 4));
    probe(alice, H2_MAC);
    assertThat(relay.waiting()).isEqualTo(1);
    Eventually.waitFor("the wait ended", Duration.ofSeconds(10), () -> relay.waiting() == 0);
    Eventually.waitFor("h1 answered", Duration.ofSeconds(10), () -> sw.written.size() == 2);
    assertThat(sent()).containsExactly("2: PROBE NetMonitor_1.0 NETSERV/0.1", "1: NETSERV/0.1 200 OK");
  }

  /** Hosts the test places. */
  private static final class Hosts implements HostService {
    private final Map<MacAddress, Host> byMac = new HashMap<>();

    void put(MacAddress mac, int port) {
      byMac.put(mac, new Host(mac, OptionalInt.empty(), Set.of(), new SwitchPort(DatapathId.of(1),
          org.projectfloodlight.openflow.types.OFPort.of(port)), NOW, NOW));
    }

    @Override
    public Collection<Host> hosts() {
      return List.copyOf(byMac.values());
    }

    @Override
    public Optional<Host> byMac(MacAddress mac) {
      return Optional.ofNullable(byMac.get(mac));
    }

    @Override
    public List<Host> byIpv4(IPv4Address address) {
      return List.of();
    }

    @Override
    public HostCounts counts() {
      return new HostCounts(0, 0);
    }

    @Override
    public void addListener(HostListener l) {}

    @Override
    public void removeListener(HostListener l) {}
  }
}
