package org.netservof.controller.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.netservof.controller.api.SwitchService;
import org.netservof.controller.core.CoreModule;
import org.netservof.controller.launcher.Controller;
import org.netservof.controller.testing.Eventually;
import org.netservof.controller.testing.LogCapture;
import org.netservof.controller.testing.OFWire;
import org.netservof.controller.testing.PacketIns;
import org.netservof.controller.testing.PortDescs;
import org.netservof.controller.testing.TcpSwitch;
import org.projectfloodlight.openflow.protocol.OFBadRequestCode;
import org.projectfloodlight.openflow.protocol.OFControllerRole;
import org.projectfloodlight.openflow.protocol.OFEchoReply;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFFlowRemovedReason;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFPacketIn;
import org.projectfloodlight.openflow.protocol.OFPacketOut;
import org.projectfloodlight.openflow.protocol.OFPortReason;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.types.DatapathId;
import org.projectfloodlight.openflow.types.OFBufferId;
import org.projectfloodlight.openflow.types.OFErrorCauseData;
import org.projectfloodlight.openflow.types.U64;

/**
 * The OpenFlow port of a running controller (forwarding, link discovery, hosts, topology) fed hostile bytes by
 * a switch on a real TCP connection: mutated real messages (every byte may change but the length, so framing
 * holds), truncated ones, every type byte under both versions. No exception may escape the decoder or a
 * listener, the connection must survive and keep answering echoes, and afterwards the same switch's well-formed
 * PacketIns must still get their answers.
 */
class OpenFlowFuzzIT {
  private static final Duration ANSWER = Duration.ofSeconds(20);
  private static final HexFormat HEX = HexFormat.of();
  /** Frames as hosts send them: UDP, ARP request, TCP SYN, ICMP echo, VLAN-tagged UDP, IPv6, LLDP, a runt. */
  private static final List<byte[]> FRAMES = List.of(
      HEX.parseHex("0a00000000020a000000000108004500002000004000401100000a0000010a0000029c4013c4000c0000deadbeef"),
      HEX.parseHex("ffffffffffff0a000000000108060001080006040001" + "0a00000000010a000001" + "000000000000"
          + "0a000002"),
      HEX.parseHex("0a00000000020a000000000108004500002800004000400600000a0000010a0000029c400050000000010000000050"
          + "0220000000000000"),
      HEX.parseHex("0a00000000020a000000000108004500001c00004000400100000a0000010a0000020800f7ff00000000"),
      HEX.parseHex("0a00000000020a00000000018100000508004500002000004000401100000a0000010a0000029c4013c4000c0000"
          + "deadbeef"),
      HEX.parseHex("33330000000100000000000186dd6000000000083a01fe800000000000000000000000000001ff0200000000000000"
          + "000000000000000180007f7f00000000"),
      HEX.parseHex("0180c200000e0200000000010088cc0207040000000000010403020001060200780000"),
      HEX.parseHex("0a00000000020a0000"));

  /**
   * Forwarding and what it needs; the PacketIn budget lifted, so every hostile PacketIn reaches the listeners
   * rather than stopping at the budget.
   */
  private static final String CONFIG = "of-listen: 127.0.0.1:0\nmodules: [forwarding]\nstore: memory\n"
      + "flood-protection: {packet-in-rate: 1000000, packet-in-burst: 1000000}\n";

  @TempDir
  Path dir;

  @ParameterizedTest
  @EnumSource(value = OFVersion.class, names = {"OF_10", "OF_13"})
  void hostileMessagesLeaveTheConnectionAndEveryListenerStanding(OFVersion version) throws Exception {
    Path config = Files.writeString(dir.resolve("controller.yaml"), CONFIG);
    try (LogCapture log = new LogCapture();
        Controller controller = Controller.start(Optional.of(config), Map.of());
        TcpSwitch sw = new TcpSwitch(controller.module(CoreModule.class).orElseThrow().boundAddress()
            .orElseThrow(), version,
            DatapathId.of(0x5a), 4)) {
      SwitchService switches = controller.service(SwitchService.class);
      Eventually.waitFor("the switch connects", ANSWER, () -> switches.getSwitch(DatapathId.of(0x5a)).isPresent());
      long started = System.nanoTime();
      Random random = new Random(version.ordinal() * 7919L);
      List<byte[]> corpus = corpus(sw.factory());
      int sent = 0;
      for (int round = 0; round < 30; round++) {
        for (int i = 0; i < 100; i++, sent++) {
          sw.sendBytes(hostile(corpus.get(random.nextInt(corpus.size())), random, sent));
        }
        assertAnswersEcho(sw, 0x70000000L + round);
      }
      for (int type = 0; type < 256; type++) {
        sw.sendBytes(new byte[] {(byte) version.getWireVersion(), (byte) type, 0, 8, 0, 0, 0, 1});
        sw.sendBytes(new byte[] {(byte) (version.getWireVersion() ^ 0x07), (byte) type, 0, 8, 0, 0, 0, 2});
      }
      assertAnswersEcho(sw, 0x7fffffffL);
      assertThat(switches.getSwitch(DatapathId.of(0x5a))).as("still connected after %d hostile messages", sent)
          .isPresent();
      assertThat(log.unexpected(line -> switchComplaint(line) || hostComplaint(line)
          || line.contains("over the budget")))
          .as("no listener failed and no exception closed the connection").isEmpty();
      long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
      int budget = 21 + (int) (seconds / 3); // 20 lines at once, one more every 3 s
      assertThat(log.problems().stream().filter(OpenFlowFuzzIT::switchComplaint))
          .as("complaints about %d hostile messages in %d s", sent + 512, seconds).hasSizeLessThanOrEqualTo(budget);
      assertThat(log.problems().stream().filter(OpenFlowFuzzIT::hostComplaint))
          .as("warnings about forged ARP claims in %d s", seconds).hasSizeLessThanOrEqualTo(budget);

      // The hostile messages may have deleted or downed ports and taught hosts anywhere: the ports come back
      // up and the frame is between two addresses nobody used, so the answer is a flood.
      for (int port = 1; port <= 4; port++) {
        sw.send(sw.factory().buildPortStatus().setReason(OFPortReason.ADD)
            .setDesc(PortDescs.port(sw.factory(), port, true)).build());
      }
      byte[] fresh = FRAMES.get(0).clone();
      System.arraycopy(HEX.parseHex("0e66778899aa0e1122334455"), 0, fresh, 0, 12);
      sw.clear();
      assertFlooded(sw, fresh);
    }
  }

  @ParameterizedTest
  @EnumSource(value = OFVersion.class, names = {"OF_10", "OF_13"})
  void framesTheParserCannotReadAreStillForwardedOrDroppedNeverIgnored(OFVersion version) throws Exception {
    Path config = Files.writeString(dir.resolve("controller.yaml"), CONFIG);
    try (Controller controller = Controller.start(Optional.of(config), Map.of());
        TcpSwitch sw = new TcpSwitch(controller.module(CoreModule.class).orElseThrow().boundAddress().orElseThrow(),
            version, DatapathId.of(0x5c), 4)) {
      byte[] udp = FRAMES.get(0);
      assertFlooded(sw, udp);
      // The IPv4 header is cut short: still an Ethernet frame from a known port, so it is flooded like one.
      byte[] cut = Arrays.copyOf(udp, 14 + 12);
      sw.send(PacketIns.of(sw.factory(), 1, cut));
      assertThat(packetOut(sw, po -> Arrays.equals(po.getData(), cut))).as("the cut IPv4 frame, flooded")
          .isNotNull();
      // A runt has no addresses to forward by: its buffer is released by a PacketOut without actions.
      OFPacketIn runt = PacketIns.of(sw.factory(), 1, FRAMES.get(7)).createBuilder()
          .setBufferId(OFBufferId.of(77)).build();
      sw.send(runt);
      assertThat(packetOut(sw, po -> po.getBufferId().equals(OFBufferId.of(77))))
          .as("the runt's buffer, released").isNotNull().satisfies(po -> assertThat(po.getActions()).isEmpty());
    }
  }

  /** What the controller rightly says about a hostile message: it answered it with an error. */
  private static boolean switchComplaint(String line) {
    return line.contains("sent a malformed message") || line.contains("answering BAD_VERSION")
        || line.contains("which is not among the last") || line.contains("beyond the 4096 ports");
  }

  /** What host learning rightly says about a mutated ARP claiming an address another host holds. */
  private static boolean hostComplaint(String line) {
    return line.contains("HostManager") && line.contains("claims") && line.contains("not learnt");
  }

  private static void assertAnswersEcho(TcpSwitch sw, long xid) throws Exception {
    sw.send(sw.factory().buildEchoRequest().setXid(xid).build());
    long deadline = System.nanoTime() + ANSWER.toNanos();
    while (System.nanoTime() < deadline) {
      OFMessage m = sw.next(Duration.ofMillis(200));
      if (m instanceof OFEchoReply reply && reply.getXid() == xid) {
        return;
      }
    }
    throw new AssertionError("no echo reply to xid " + xid + "; connection open: " + sw.isOpen());
  }

  /**
   * Sends the frame from port 1 until the controller floods it: a port the switch just announced is in
   * quarantine for a moment, and its PacketIns go unanswered until then.
   */
  private static void assertFlooded(TcpSwitch sw, byte[] frame) {
    Eventually.waitFor("a PacketIn of port 1 is flooded", ANSWER, () -> {
      try {
        sw.send(PacketIns.of(sw.factory(), 1, frame));
        return packetOut(sw, po -> Arrays.equals(po.getData(), frame), Duration.ofSeconds(1)) != null;
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
  }

  private static OFPacketOut packetOut(TcpSwitch sw, Predicate<OFPacketOut> wanted) throws Exception {
    return packetOut(sw, wanted, ANSWER);
  }

  /** The first PacketOut the predicate wants (link discovery's probes go by too), or null at the deadline. */
  private static OFPacketOut packetOut(TcpSwitch sw, Predicate<OFPacketOut> wanted, Duration within)
      throws Exception {
    long deadline = System.nanoTime() + within.toNanos();
    while (System.nanoTime() < deadline) {
      if (sw.next(Duration.ofMillis(100)) instanceof OFPacketOut po && wanted.test(po)) {
        return po;
      }
    }
    return null;
  }

  /**
   * One real message with up to eight bytes after the header changed, or truncated, or with its type or
   * version byte changed; the length field always says how many bytes follow, so the stream stays framed.
   */
  private static byte[] hostile(byte[] real, Random random, int xid) {
    byte[] m = real.clone();
    switch (random.nextInt(4)) {
      case 0 -> m[random.nextBoolean() ? 0 : 1] = (byte) random.nextInt(256);
      case 1 -> m = Arrays.copyOf(m, 8 + random.nextInt(m.length - 7));
      default -> {
        for (int flips = 1 + random.nextInt(8); flips > 0 && m.length > 8; flips--) {
          m[8 + random.nextInt(m.length - 8)] = (byte) random.nextInt(256);
        }
      }
    }
    m[2] = (byte) (m.length >> 8);
    m[3] = (byte) m.length;
    m[4] = (byte) (xid >> 24);
    m[5] = (byte) (xid >> 16);
    m[6] = (byte) (xid >> 8);
    m[7] = (byte) xid;
    return m;
  }

  /** Real messages a switch sends a controller, in the switch's version. */
  private static List<byte[]> corpus(OFFactory f) {
    List<OFMessage> messages = new ArrayList<>();
    for (int port = 1; port <= 4; port++) {
      for (byte[] frame : FRAMES) {
        messages.add(PacketIns.of(f, port, frame));
      }
    }
    for (OFPortReason reason : OFPortReason.values()) {
      messages.add(f.buildPortStatus().setReason(reason).setDesc(PortDescs.port(f, 3, reason != OFPortReason.DELETE))
          .build());
    }
    messages.add(f.buildFlowRemoved().setCookie(U64.of(0x1000000100000003L)).setReason(OFFlowRemovedReason.IDLE_TIMEOUT)
        .setMatch(f.buildMatch().build()).build());
    messages.add(f.errorMsgs().buildBadRequestErrorMsg().setCode(OFBadRequestCode.BAD_TYPE)
        .setData(OFErrorCauseData.of(new byte[] {(byte) f.getVersion().getWireVersion(), 14, 0, 8, 0, 0, 0, 3},
            f.getVersion())).build());
    messages.add(f.buildFlowStatsReply().setEntries(List.of(f.buildFlowStatsEntry().setMatch(f.buildMatch().build())
        .setCookie(U64.of(7)).build())).build());
    messages.add(f.buildPortStatsReply().setEntries(List.of()).build());
    messages.add(f.buildFeaturesReply().setDatapathId(DatapathId.of(0x5b)).build());
    messages.add(f.buildBarrierReply().build());
    messages.add(f.buildEchoReply().build());
    messages.add(f.buildGetConfigReply().build());
    if (f.getVersion() != OFVersion.OF_10) {
      messages.add(f.buildPortDescStatsReply().setEntries(PortDescs.of(f, 4)).setFlags(Set.of()).build());
      messages.add(f.buildRoleReply().setRole(OFControllerRole.ROLE_MASTER).build());
    }
    List<byte[]> out = new ArrayList<>();
    for (OFMessage m : messages) {
      ByteBuf buf = OFWire.encode(m);
      out.add(ByteBufUtil.getBytes(buf));
      buf.release();
    }
    return out;
  }
}
