package org.netservof.bridge.steering;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netservof.bridge.api.ServiceRequest;
import org.netservof.bridge.api.SteeringAdminService;
import org.netservof.bridge.api.SteeringService;
import org.netservof.bridge.api.SteeringMode;
import org.netservof.controller.api.SwitchService;
import org.netservof.controller.launcher.Controller;
import org.netservof.controller.testing.Eventually;
import org.netservof.controller.testing.LogCapture;
import org.netservof.controller.testing.Ovs;
import org.netservof.controller.testing.OvsBridge;
import org.netservof.controller.testing.Processes;
import org.netservof.controller.testing.RecordingSwitchListener;
import org.netservof.policy.filter.Filter;
import org.netservof.policy.filter.PortRange;
import org.netservof.policy.filter.Protocol;
import org.netservof.policy.layout.ControllerMeter;
import org.projectfloodlight.openflow.types.DatapathId;

/**
 * Steering's audit of a real Open vSwitch bridge (OpenFlow 1.3, userspace datapath) against intent, with a short
 * reconcile interval: an entry with steering's cookie that intent does not want goes, a steering entry deleted by
 * hand comes back, and entries and meters that are right are left alone (their packet counters keep counting)
 * across audits, a switch that leaves and comes back, and a controller restarted with the same intent.
 */
class ReconcileIT {
  private static final Duration WAIT = Duration.ofSeconds(20);
  /** The reconcile interval: a test that waits for audits waits a few of these. */
  private static final Duration INTERVAL = Duration.ofSeconds(1);
  private static final String OF13 = "OpenFlow13";
  private static final Filter SIP = Filter.of(Protocol.UDP).withDstPorts(PortRange.single(5060));
  private static final Pattern PACKETS = Pattern.compile("n_packets=(\\d+)");
  private static final long TABLE_MISS_METER = ControllerMeter.TABLE_MISS.id();

  @TempDir
  Path dir;
  private OvsBridge bridge;
  private Controller controller;
  private RecordingSwitchListener events;
  private LogCapture log;
  private DatapathId dpid;

  @BeforeEach
  void start() throws Exception {
    Ovs.ensureRunning();
    log = new LogCapture();
    long id = 0x7ec0000L + (System.nanoTime() & 0xfff);
    dpid = DatapathId.of(id);
    bridge = new OvsBridge("nsrec", id, OF13);
    for (int port = 1; port <= 3; port++) {
      bridge.addVethPort(port);
    }
    Files.writeString(dir.resolve("controller.yaml"), String.join("\n",
        "of-listen: 127.0.0.1:0",
        "store-path: " + dir.resolve("store"),
        "modules: [steering]",
        "steering:",
        "  reconcile-interval: " + INTERVAL.toSeconds() + "s",
        "  split-bits: 2",
        "  nodes:",
        "    - {id: n1, pool: p, dpid: \"" + dpid + "\", port: 3, mac: \"0a:00:00:00:00:33\", weight: 1}",
        ""));
    startController();
    SteeringAdminService steering = controller.service(SteeringAdminService.class);
    steering.register(new ServiceRequest("sip", SIP, "p", SteeringMode.PROACTIVE, Optional.empty(),
        Optional.empty())).get(30, TimeUnit.SECONDS);
    steering.setUserRate("alice", 100_000).get(30, TimeUnit.SECONDS);
    connectAndWaitForClassifiers();
  }

  private void startController() throws Exception {
    controller = Controller.start(Optional.of(dir.resolve("controller.yaml")), Map.of());
    events = new RecordingSwitchListener();
    controller.service(SwitchService.class).addListener(events);
  }

  private void connectAndWaitForClassifiers() {
    connect();
    Eventually.waitFor("steering's classifiers on the bridge", WAIT, () -> !classifiers().isEmpty());
  }

  @AfterEach
  void stop() {
    try {
      if (controller != null) {
        controller.close();
      }
      bridge.close();
      assertThat(log.unexpected(p -> false)).as("warnings and errors in the controller log").isEmpty();
    } finally {
      log.close();
    }
  }

  @Test
  void anEntryWithSteeringsCookieThatIntentDoesNotWantIsRemoved() {
    // Owner 0x10 (steering), service 77, which does not exist.
    ofctl("add-flow", bridge.name, "cookie=0x1000004d00000002,priority=20000,udp,tp_dst=9999,actions=drop");
    assertThat(flows("tp_dst=9999")).hasSize(1);

    Eventually.waitFor("the extraneous entry to be removed", WAIT, () -> flows("tp_dst=9999").isEmpty());
    assertThat(classifiers()).as("the service's own entries stay").isNotEmpty();
  }

  @Test
  void aSteeringEntryDeletedByHandComesBack() {
    String victim = classifiers().get(0);
    String match = matchOf(victim);
    ofctl("--strict", "del-flows", bridge.name, match);
    assertThat(flows(null).stream().map(ReconcileIT::matchOf)).doesNotContain(match);

    Eventually.waitFor("the deleted entry to come back", WAIT,
        () -> flows(null).stream().map(ReconcileIT::matchOf).anyMatch(match::equals));
  }

  @Test
  void anIdenticalEntryKeepsItsCounterAcrossAuditsAndAReconnect() throws Exception {
    String entry = sendThroughAClassifier(5);

    waitIntervals(3);
    assertThat(packetsOf(entry)).as("after three audits").isGreaterThanOrEqualTo(5);

    reconnect();
    waitIntervals(3);
    assertThat(packetsOf(entry)).as("after the switch left and came back").isGreaterThanOrEqualTo(5);
  }

  @Test
  void entriesAndMetersSurviveAControllerRestartOverItsStore() throws Exception {
    String entry = sendThroughAClassifier(5);
    double userMeter = meterAge(1);
    double tableMissMeter = meterAge(TABLE_MISS_METER);

    controller.close();
    Eventually.waitFor("the bridge to notice its controller left", WAIT,
        () -> !Processes.run("ovs-vsctl", "--timeout=10", "get", "controller", bridge.name, "is_connected")
            .contains("true"));
    startController();
    // The service comes back from the store; users' caps come from configuration (signaling), set again here.
    assertThat(controller.service(SteeringService.class).services()).extracting(s -> s.request().name())
        .containsExactly("sip");
    controller.service(SteeringAdminService.class).setUserRate("alice", 100_000).get(30, TimeUnit.SECONDS);
    connectAndWaitForClassifiers();
    waitIntervals(3);

    assertThat(packetsOf(entry)).as("the entry's counter after the restart").isGreaterThanOrEqualTo(5);
    assertThat(meterAge(1)).as("the user's meter was never deleted").isGreaterThan(userMeter);
    assertThat(meterAge(TABLE_MISS_METER)).as("the table-miss meter was never deleted").isGreaterThan(tableMissMeter);
  }

  @Test
  void metersSurviveAReconnect() throws Exception {
    double userMeter = meterAge(1);
    double tableMissMeter = meterAge(TABLE_MISS_METER);

    reconnect();
    waitIntervals(3);

    assertThat(meterAge(1)).as("the user's meter was never deleted").isGreaterThan(userMeter);
    assertThat(meterAge(TABLE_MISS_METER)).as("the table-miss meter was never deleted").isGreaterThan(tableMissMeter);
  }

  // ---- helpers ----

  private void connect() {
    bridge.setController("tcp:" + controller.openFlowAddress().getHostString() + ":"
        + controller.openFlowAddress().getPort());
    Eventually.waitFor("switch " + dpid + " to connect and be set up", WAIT,
        () -> events.events.contains("added " + dpid));
  }

  /**
   * The bridge's controller goes away and comes back: pointed at a port nobody listens on, then back. (Not
   * {@code del-controller}: Open vSwitch flushes its flow table when a bridge goes from having a controller
   * configured to having none.) The bridge keeps its entries meanwhile (fail-mode secure).
   */
  private void reconnect() {
    events.events.clear();
    bridge.setController("tcp:127.0.0.1:9");
    Eventually.waitFor("the controller to see the switch leave", WAIT, () -> events.events.contains("removed " + dpid));
    connect();
  }

  /** Sends packets of one UDP 5060 flow in at port 1, through the flow table; returns the entry they hit. */
  private String sendThroughAClassifier(int packets) {
    for (int i = 0; i < packets; i++) {
      ofctl("packet-out", bridge.name, "in_port=1,packet=" + udpFrame(40000, 5060) + ",actions=table");
    }
    Eventually.waitFor("a classifier to count the packets", WAIT,
        () -> classifiers().stream().anyMatch(l -> packets(l) >= packets));
    return matchOf(classifiers().stream().filter(l -> packets(l) >= packets).findFirst().orElseThrow());
  }

  private long packetsOf(String match) {
    return flows(null).stream().filter(l -> matchOf(l).equals(match)).mapToLong(ReconcileIT::packets).findFirst()
        .orElseThrow(() -> new AssertionError("no entry " + match + " on the bridge: " + flows(null)));
  }

  /** How long the switch has had a meter, in seconds: a meter deleted and added again starts from zero. */
  private double meterAge(long meter) {
    String stats = ofctl("meter-stats", bridge.name, "meter=" + meter);
    Matcher m = Pattern.compile("duration:([0-9.]+)s").matcher(stats);
    assertThat(m.find()).as("meter %d's statistics: %s", meter, stats).isTrue();
    return Double.parseDouble(m.group(1));
  }

  private static void waitIntervals(int n) throws InterruptedException {
    Thread.sleep(INTERVAL.toMillis() * n);
  }

  private List<String> classifiers() {
    return flows("tp_dst=5060");
  }

  private List<String> flows(String containing) {
    return bridge.dumpFlows(OF13).stream().filter(l -> containing == null || l.contains(containing)).toList();
  }

  private static long packets(String line) {
    Matcher m = PACKETS.matcher(line);
    return m.find() ? Long.parseLong(m.group(1)) : -1;
  }

  /** The priority and match of a dump-flows line, as {@code del-flows --strict} and a later dump take them. */
  private static String matchOf(String line) {
    String rest = line.substring(line.indexOf("priority="));
    return rest.substring(0, rest.indexOf(" actions="));
  }

  private static String ofctl(String... args) {
    String[] command = new String[args.length + 3];
    command[0] = "ovs-ofctl";
    command[1] = "-O";
    command[2] = OF13;
    System.arraycopy(args, 0, command, 3, args.length);
    return Processes.run(command);
  }

  /** An Ethernet/IPv4/UDP frame from 10.0.0.1 to 10.0.0.2, as hex. */
  private static String udpFrame(int srcPort, int dstPort) {
    String eth = "0a00000000020a000000000108004500";
    String ip = "001e000040004011" + "0000" + "0a0000010a000002";
    String udp = String.format("%04x%04x000a0000", srcPort, dstPort);
    return eth + ip + udp + HexFormat.of().formatHex(new byte[] {0x68, 0x69});
  }
}
