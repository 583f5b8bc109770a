package org.netservof.node.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.netservof.node.testing.Frames;

/**
 * Real AF_PACKET sockets on a veth pair the test makes, through both implementations (one system call per
 * frame, and the mapped ring with batched sends): a container's socket takes only frames with its VLAN
 * mark (delivered without the tag), its filter cannot be replaced, and frames it sends leave with the mark
 * it inserts.
 */
class PacketIoIT {
  private String a;
  private String b;

  @BeforeEach
  void veth() throws Exception {
    String id = String.format("%04x", new SecureRandom().nextInt(0x10000));
    a = "nsva" + id;
    b = "nsvb" + id;
    run("ip", "link", "del", a);
    check(run("ip", "link", "add", a, "type", "veth", "peer", "name", b));
    for (String i : List.of(a, b)) {
      run("sysctl", "-qw", "net.ipv6.conf." + i + ".disable_ipv6=1");
      check(run("ip", "link", "set", i, "up"));
    }
    for (String i : List.of(a, b)) {
      awaitOperational(i);
    }
  }

  /**
   * Until the kernel's link watch has seen the carrier, an interface set up has no queueing discipline yet and
   * drops what is sent (CI: a container's first frame never reached the far end on a loaded machine).
   */
  private static void awaitOperational(String interfaceName) throws Exception {
    Path state = Path.of("/sys/class/net", interfaceName, "operstate");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!Files.readString(state).strip().equals("up")) {
      assertThat(System.nanoTime()).as(interfaceName + " operational").isLessThan(deadline);
      Thread.sleep(20);
    }
  }

  @AfterEach
  void remove() throws Exception {
    run("ip", "link", "del", a);
  }

  private static PacketIo open(String kind, String interfaceName, Selection selection) throws IOException {
    return kind.equals("ring") ? PacketRing.open(interfaceName, selection, 200)
        : AfPacketSocket.open(interfaceName, selection, 200);
  }

  private static int fd(PacketIo io) {
    return io instanceof PacketRing r ? r.fd() : ((AfPacketSocket) io).fd();
  }

  @ParameterizedTest
  @ValueSource(strings = {"socket", "ring"})
  void aContainerSocketTakesOnlyItsOwnMarkAndItsFilterIsLocked(String kind) throws Exception {
    try (AfPacketSocket peer = AfPacketSocket.open(a, Selection.nothing(), 200);
        PacketIo alice = open(kind, b, Selection.vlan(3001));
        PacketIo sendOnly = open(kind, b, Selection.nothing())) {
      byte[] frame = Frames.udp("10.0.0.1", "10.0.0.2", 64);
      byte[] tagged = new byte[frame.length + 4];
      peer.send(tagged, Tags.insert(frame, frame.length, 3002, tagged)); // bob's
      peer.send(frame, frame.length);                                   // untagged
      peer.send(tagged, Tags.insert(frame, frame.length, 3001, tagged)); // alice's

      List<byte[]> got = receiveExpecting(alice, 1);
      assertThat(got).as("only the 3001 frame, tag removed").hasSize(1);
      assertThat(got.get(0)).isEqualTo(frame);
      assertThat(receiveAll(sendOnly)).isEmpty();

      Memory[] everything = Bpf.asSockFprog(Bpf.program(Selection.everything()));
      assertThatThrownBy(() -> LibC.setsockopt(fd(alice), LibC.SOL_SOCKET, LibC.SO_ATTACH_FILTER, everything[0],
          (int) everything[0].size())).as("the filter is locked").isInstanceOf(LastErrorException.class);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"socket", "ring"})
  void framesAContainerSendsLeaveWithItsMarkAndItDoesNotHearItself(String kind) throws Exception {
    try (PacketIo alice = open(kind, a, Selection.vlan(3001));
        PacketIo far = open(kind, b, Selection.vlan(3001));
        AfPacketSocket untagged = AfPacketSocket.open(b, Selection.everything(), 200)) {
      byte[] frame = Frames.udp("10.0.0.1", "10.0.0.2", 64);
      byte[] other = Frames.udp("10.0.0.3", "10.0.0.4", 64);
      alice.send(frame, frame.length, 3001);
      alice.send(other, other.length);
      alice.flush();
      assertThat(receiveExpecting(far, 1)).singleElement().isEqualTo(frame);
      assertThat(receiveExpecting(untagged, 2)).as("the untagged one, and the tagged one seen untagged")
          .containsExactlyInAnyOrder(frame, other);
      assertThat(receiveAll(alice)).as("its own frame is outgoing: filtered").isEmpty();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"socket", "ring"})
  void theEtherTypeSelectionTakesOnlyUntaggedFramesOfThatType(String kind) throws Exception {
    try (AfPacketSocket peer = AfPacketSocket.open(a, Selection.nothing(), 200);
        PacketIo lldp = open(kind, b, Selection.etherType(0x88cc))) {
      byte[] probe = new byte[60];
      ByteBuffer.wrap(probe).put(new byte[] {1, (byte) 0x80, (byte) 0xc2, 0, 0, 0x0e}).put(new byte[6])
          .putShort((short) 0x88cc);
      byte[] udp = Frames.udp("10.0.0.1", "10.0.0.2", 64);
      byte[] taggedProbe = new byte[64];
      peer.send(udp, udp.length);
      peer.send(taggedProbe, Tags.insert(probe, probe.length, 5, taggedProbe));
      peer.send(probe, probe.length);
      assertThat(receiveExpecting(lldp, 1)).singleElement().isEqualTo(probe);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"socket", "ring"})
  void aBurstArrivesWholeAndInOrderBothWays(String kind) throws Exception {
    // The ring's burst spans more than one kernel block; the socket's stays inside its receive buffer.
    int count = kind.equals("ring") ? 2000 : 100;
    try (PacketIo near = open(kind, a, Selection.everything());
        PacketIo far = open(kind, b, Selection.everything())) {
      List<byte[]> sent = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        byte[] frame = Frames.udp("10.0.0.1", "10.0.0.2", 64);
        ByteBuffer.wrap(frame).putInt(frame.length - 4, i);
        sent.add(frame);
      }
      for (byte[] frame : sent) {
        near.send(frame, frame.length);
      }
      near.flush();
      assertThat(receiveExpecting(far, count)).as("every frame, in the order sent").containsExactlyElementsOf(sent);
      for (byte[] frame : sent.subList(0, Math.min(count, 150))) {
        far.send(frame, frame.length);
      }
      far.flush();
      assertThat(receiveExpecting(near, Math.min(count, 150)))
          .containsExactlyElementsOf(sent.subList(0, Math.min(count, 150)));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"socket", "ring"})
  void aReaderThatStallsLosesNothingOfATrickle(String kind) throws Exception {
    // One frame every two milliseconds while nobody reads: each lands in a block of its own in the ring.
    try (AfPacketSocket peer = AfPacketSocket.open(a, Selection.nothing(), 200);
        PacketIo stalled = open(kind, b, Selection.everything())) {
      List<byte[]> sent = new ArrayList<>();
      for (int i = 0; i < 150; i++) {
        byte[] frame = Frames.udp("10.0.0.1", "10.0.0.2", 64);
        ByteBuffer.wrap(frame).putInt(frame.length - 4, i);
        sent.add(frame);
        peer.send(frame, frame.length);
        Thread.sleep(2);
      }
      assertThat(receiveExpecting(stalled, sent.size())).containsExactlyElementsOf(sent);
    }
  }

  private static List<byte[]> receiveAll(PacketIo socket) throws IOException {
    List<byte[]> out = new ArrayList<>();
    byte[] buffer = new byte[2048];
    int n;
    while ((n = socket.receive(buffer)) > 0) {
      out.add(java.util.Arrays.copyOf(buffer, n));
    }
    return out;
  }

  /**
   * Everything that arrives, waiting up to 5 s for the first {@code expected} frames: on a loaded machine a
   * veth's delivery can take longer than one receive timeout. Where nothing may arrive, use receiveAll.
   */
  private static List<byte[]> receiveExpecting(PacketIo socket, int expected) throws IOException {
    List<byte[]> out = new ArrayList<>();
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(5);
    while (out.size() < expected && System.nanoTime() < deadline) {
      out.addAll(receiveAll(socket));
    }
    out.addAll(receiveAll(socket));
    return out;
  }

  private static Process run(String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    p.getInputStream().readAllBytes();
    p.waitFor();
    return p;
  }

  private static void check(Process p) {
    assertThat(p.exitValue()).isZero();
  }
}
