package org.netservof.controller.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netservof.controller.api.OFSwitch;
import org.netservof.controller.api.SwitchService;
import org.netservof.controller.core.CoreModule;
import org.netservof.controller.metrics.MetricsModule;
import org.netservof.controller.launcher.Controller;
import org.netservof.controller.testing.Eventually;
import org.netservof.controller.testing.LabCa;
import org.netservof.controller.testing.LogCapture;
import org.netservof.controller.testing.OFWire;
import org.netservof.controller.testing.OvsBridge;
import org.netservof.controller.testing.OvsSsl;
import org.netservof.controller.testing.RecordingSwitchListener;
import org.netservof.controller.testing.TlsSwitchClient;
import org.netservof.policy.layout.Cookie;
import org.netservof.policy.layout.CookieOwner;
import org.netservof.policy.layout.PriorityBand;
import org.netservof.policy.openflow.FlowMods;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFType;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.protocol.match.MatchField;
import org.projectfloodlight.openflow.types.DatapathId;
import org.projectfloodlight.openflow.types.OFPort;

/**
 * Switches prove who they are, against a real Open vSwitch connected over {@code ssl:} with certificates from
 * {@code ./netserv ca}: the bridge whose certificate names its DPID is a switch; a bridge presenting another DPID's
 * certificate, a client with no certificate, a DPID off the allow-list and a stranger claiming a connected
 * switch's DPID are refused, each logged, and get nothing beyond HELLO and FEATURES_REQUEST.
 */
class SwitchIdentityIT {
  private static final Duration CONNECT = Duration.ofSeconds(20);
  /** The DPID of the certificate Open vSwitch presents (one per ovs-vswitchd). */
  private static final long CERTIFIED = 0x5e0a01L;
  private static final long OTHER = 0x5e0a02L;
  private static final long STRANGER = 0x5e0a03L;
  private static LabCa ca;
  private static OvsSsl ovsSsl;
  /** What both controllers tell their switch listeners: each refusal is an event, not only a log line. */
  private static final RecordingSwitchListener REFUSALS = new RecordingSwitchListener();
  private static Controller controller;
  private static Controller allowListed;
  private LogCapture log;

  @BeforeAll
  static void start(@TempDir Path dir) throws Exception {
    ca = new LabCa(dir.resolve("lab"));
    ca.switchCert(CERTIFIED);
    ca.switchCert(STRANGER);
    ovsSsl = OvsSsl.use(ca.switchFile(CERTIFIED, "key"), ca.switchFile(CERTIFIED, "pem"), ca.ca());
    controller = start(dir.resolve("tls.yaml"), "openflow-tls: " + ca.controllerTls() + "\n");
    allowListed = start(dir.resolve("allow.yaml"), "openflow-tls: " + ca.controllerTls() + "\n"
        + "switch-allow-list: [\"" + DatapathId.of(OTHER) + "\"]\n");
  }

  private static Controller start(Path config, String extra) throws Exception {
    Files.writeString(config, "of-listen: 127.0.0.1:0\nmodules: []\nopenflow:\n  versions: [1.3]\n" + extra);
    Controller c = Controller.start(Optional.of(config), Map.of(), List.of(new CoreModule(), new MetricsModule()),
        Clock.systemUTC());
    c.service(SwitchService.class).addListener(REFUSALS);
    return c;
  }

  @AfterAll
  static void stop() {
    for (AutoCloseable c : new AutoCloseable[] {controller, allowListed, ovsSsl}) {
      try {
        if (c != null) {
          c.close();
        }
      } catch (Exception e) {
        System.err.println("cleanup: " + e);
      }
    }
  }

  @BeforeEach
  void captureLog() {
    log = new LogCapture();
  }

  @AfterEach
  void noOtherProblems() {
    List<String> problems = log.unexpected(p -> p.contains("refused switch"));
    log.close();
    assertThat(problems).as("warnings and errors in the controller log").isEmpty();
  }

  @Test
  void aBridgeWithACertificateForItsDpidConnectsAndTakesAFlow() throws Exception {
    try (OvsBridge bridge = new OvsBridge("nstls", CERTIFIED, "OpenFlow13")) {
      bridge.addVethPort(1);
      OFSwitch sw = connect(bridge, controller);
      OFFactory f = sw.factory();
      sw.writeConfirmed(List.of(FlowMods.withActions(f.buildFlowAdd()
          .setCookie(Cookie.of(CookieOwner.FORWARDING, 0x7a).value())
          .setPriority(PriorityBand.FORWARDING.priority(3))
          .setMatch(f.buildMatch().setExact(MatchField.IN_PORT, OFPort.of(1)).build()),
          f, List.of(f.actions().output(OFPort.LOCAL, 0xffff))).build())).get(10, TimeUnit.SECONDS);
      assertThat(bridge.dumpFlows("OpenFlow13")).anySatisfy(l -> assertThat(l).contains("cookie=0x20000000000007a"));
    }
  }

  @Test
  void aBridgePresentingAnotherDpidsCertificateIsRefused() {
    try (OvsBridge bridge = new OvsBridge("nstls", OTHER, "OpenFlow13")) {
      bridge.setController(target(controller));
      awaitRefusal(DatapathId.of(OTHER), "its certificate is for DPID " + DatapathId.of(CERTIFIED));
      assertThat(controller.service(SwitchService.class).getSwitch(DatapathId.of(OTHER))).isEmpty();
      assertThat(bridge.dumpFlows("OpenFlow13")).isEmpty();
    }
  }

  @Test
  void aDpidOffTheAllowListIsRefusedEvenWithItsOwnCertificate() {
    try (OvsBridge bridge = new OvsBridge("nstls", CERTIFIED, "OpenFlow13")) {
      bridge.setController(target(allowListed));
      awaitRefusal(DatapathId.of(CERTIFIED), "its DPID is not on switch-allow-list");
      assertThat(allowListed.service(SwitchService.class).switches()).isEmpty();
      assertThat(bridge.dumpFlows("OpenFlow13")).isEmpty();
    }
  }

  @Test
  void aClientWithoutACertificateGetsNothing() throws Exception {
    List<OFMessage> got = strangerClaims(Optional.empty(), DatapathId.of(STRANGER));
    assertThat(got).as("what the controller sent a client without a certificate").isEmpty();
    awaitRefusal("(no DPID)", "TLS handshake failed");
  }

  @Test
  void aPlainTcpClientGetsNoOpenFlowAtAll() throws Exception {
    byte[] answer;
    try (Socket plain = new Socket()) {
      plain.connect(controller.openFlowAddress(), 5000);
      plain.setSoTimeout(15_000);
      io.netty.buffer.ByteBuf hello = OFWire.encode(OFFactories.getFactory(OFVersion.OF_13).buildHello().build());
      byte[] bytes = new byte[hello.readableBytes()];
      hello.readBytes(bytes).release();
      plain.getOutputStream().write(bytes);
      answer = plain.getInputStream().readAllBytes(); // until the controller closes
    }
    assertThat(answer).as("what a plain OpenFlow client on the TLS port got: nothing, or a TLS alert record")
        .satisfiesAnyOf(a -> assertThat(a).isEmpty(), a -> assertThat(a[0]).isEqualTo((byte) 0x15));
    awaitRefusal("(no DPID)", "TLS handshake failed");
  }

  @Test
  void aStrangerClaimingAConnectedSwitchsDpidGetsNothingAndTheSwitchStays() throws Exception {
    try (OvsBridge bridge = new OvsBridge("nstls", CERTIFIED, "OpenFlow13")) {
      OFSwitch live = connect(bridge, controller);
      DatapathId id = live.id();

      List<OFMessage> withOtherCert = strangerClaims(Optional.of(ca.switchFile(STRANGER, "pem")), id);
      List<OFMessage> withoutCert = strangerClaims(Optional.empty(), id);

      assertThat(withOtherCert).extracting(OFMessage::getType)
          .as("a stranger with another DPID's certificate gets HELLO and FEATURES_REQUEST, then is closed")
          .containsExactly(OFType.HELLO, OFType.FEATURES_REQUEST);
      assertThat(withoutCert).as("a stranger without a certificate gets nothing").isEmpty();
      awaitRefusal(id, "its certificate is for DPID " + DatapathId.of(STRANGER));
      assertThat(controller.service(SwitchService.class).getSwitch(id)).containsSame(live);
      assertThat(live.isConnected()).isTrue();
      live.writeConfirmed(List.of()).get(10, TimeUnit.SECONDS); // and it still answers
    }
  }

  private static List<OFMessage> strangerClaims(Optional<Path> cert, DatapathId dpid) throws Exception {
    InetSocketAddress address = controller.openFlowAddress();
    try (TlsSwitchClient client = new TlsSwitchClient(address, ca.ca(), cert)) {
      client.claim(dpid);
      return client.received;
    } catch (SSLException refusedDuringHandshake) {
      return List.of();
    }
  }

  private void awaitRefusal(DatapathId dpid, String reason) {
    awaitRefusal(dpid.toString(), reason);
  }

  private void awaitRefusal(String who, String reason) {
    Eventually.waitFor("the controller to log refusing " + who + " (" + reason + ")", CONNECT,
        () -> log.problems().stream().anyMatch(p -> p.contains("refused switch " + who) && p.contains(reason)));
    String event = "refused " + (who.startsWith("(") ? "?" : who);
    Eventually.waitFor("a switchRefused event for " + who, CONNECT, () -> REFUSALS.events.contains(event));
  }

  private static String target(Controller c) {
    return "ssl:" + c.openFlowAddress().getHostString() + ":" + c.openFlowAddress().getPort();
  }

  private static OFSwitch connect(OvsBridge bridge, Controller c) {
    bridge.setController(target(c));
    DatapathId id = DatapathId.of(bridge.dpid);
    SwitchService switches = c.service(SwitchService.class);
    Eventually.waitFor("switch " + id + " to connect over TLS", CONNECT, () -> switches.getSwitch(id).isPresent());
    return switches.getSwitch(id).orElseThrow();
  }
}
