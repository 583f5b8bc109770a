package org.netservof.node.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.netservof.node.api.Datagram;
import org.netservof.node.api.ModuleContext;
import org.netservof.node.api.NetServModule;
import org.netservof.node.api.Packet;
import org.netservof.node.api.TcpConnection;
import org.netservof.node.api.TcpListener;
import org.netservof.node.api.UdpEndpoint;
import org.netservof.node.api.Verdict;
import org.netservof.node.io.FdPassing;
import org.netservof.node.io.InetSockets;
import org.netservof.node.io.ListenChannel;
import org.netservof.protocol.node.ListenGrant;

/**
 * A module's listening sockets end to end in one process: the container's side asks over a real Unix socket
 * pair, the agent's side checks the grant and binds on loopback (standing in for the service address), and the
 * descriptor crosses by SCM_RIGHTS.
 */
class ModuleSocketsTest {
  private static final Inet4Address LOOPBACK = (Inet4Address) InetAddress.getLoopbackAddress();
  private final int udpPort = freePort();
  private final int tcpPort = freePort();
  private final ListenGrant grant = ListenGrant.parse(List.of("udp:" + udpPort, "tcp:" + tcpPort));
  private final int[] pair = pair();
  private final Thread agent = new Thread(this::serve, "test agent");
  private final ModuleSockets sockets = new ModuleSockets(new ListenChannel(pair[1]));

  ModuleSocketsTest() {
    agent.setDaemon(true);
    agent.start();
  }

  private static int[] pair() {
    try {
      return FdPassing.socketPair();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static int freePort() {
    try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private void serve() {
    try {
      new ListenChannel(pair[0]).serve((protocol, port) -> {
        grant.check("alice", protocol, port);
        return protocol.equals("udp") ? InetSockets.bindUdp(LOOPBACK, port) : InetSockets.bindTcp(LOOPBACK, port);
      });
    } catch (IOException e) {
      // the test closed its end
    }
  }

  /**
   * Closes the container's end, waits for the agent's side to see it go, and only then closes the agent's end:
   * closed earlier, its number could be reused by the next test's pair while this agent still reads it.
   */
  @AfterEach
  void close() throws InterruptedException {
    sockets.close();
    FdPassing.close(pair[1]);
    agent.join(10_000);
    assertThat(agent.isAlive()).as("the agent's side ends when the container's end closes").isFalse();
    FdPassing.close(pair[0]);
  }

  @Test
  void aGrantedUdpPortReceivesAndAnswersThroughTheAgentsSocket() throws Exception {
    UdpEndpoint udp = sockets.udp(udpPort);
    assertThat(udp.receive(new byte[64], Duration.ofMillis(10))).isEmpty();
    try (DatagramSocket client = new DatagramSocket(0, LOOPBACK)) {
      byte[] hello = "hello".getBytes(StandardCharsets.UTF_8);
      client.send(new DatagramPacket(hello, hello.length, LOOPBACK, udpPort));
      byte[] buffer = new byte[64];
      Datagram got = udp.receive(buffer, Duration.ofSeconds(5)).orElseThrow();
      assertThat(got.sender()).isEqualTo(new InetSocketAddress(LOOPBACK, client.getLocalPort()));
      assertThat(new String(buffer, 0, got.length(), StandardCharsets.UTF_8)).isEqualTo("hello");
      udp.send(buffer, got.length(), got.sender());
      DatagramPacket echo = new DatagramPacket(new byte[64], 64);
      client.setSoTimeout(5000);
      client.receive(echo);
      assertThat(new String(echo.getData(), 0, echo.getLength(), StandardCharsets.UTF_8)).isEqualTo("hello");
    }
  }

  @Test
  void aGrantedTcpPortAcceptsAConnectionWithStreams() throws Exception {
    TcpListener tcp = sockets.tcp(tcpPort);
    assertThat(tcp.accept(Duration.ofMillis(10))).isEmpty();
    try (Socket client = new Socket(LOOPBACK, tcpPort)) {
      TcpConnection c = tcp.accept(Duration.ofSeconds(5)).orElseThrow();
      assertThat(c.peer().getPort()).isEqualTo(client.getLocalPort());
      client.getOutputStream().write("ping\n".getBytes(StandardCharsets.UTF_8));
      byte[] buffer = new byte[5];
      assertThat(c.input().readNBytes(buffer, 0, 5)).isEqualTo(5);
      c.output().write(buffer);
      assertThat(new String(client.getInputStream().readNBytes(5), StandardCharsets.UTF_8)).isEqualTo("ping\n");
      c.close();
      assertThat(client.getInputStream().read()).isEqualTo(-1);
      assertThatThrownBy(() -> c.output().write(1)).hasMessageContaining("is closed");
    }
  }

  @Test
  void everyPortOrProtocolNotGrantedIsRefusedInTheUsersWords() {
    assertThatThrownBy(() -> sockets.tcp(udpPort)).isInstanceOf(IOException.class)
        .hasMessage("user 'alice' may not listen on tcp:" + udpPort + ": the user's listen-ports grant names only "
            + String.join(", ", grant.entries()));
    for (int port : new int[] {0, -1, 22, 65535, 65536, Integer.MAX_VALUE, Integer.MIN_VALUE}) {
      assertThatThrownBy(() -> sockets.udp(port)).isInstanceOf(IOException.class);
      assertThatThrownBy(() -> sockets.tcp(port)).isInstanceOf(IOException.class);
    }
    assertThatThrownBy(() -> sockets.udp(-1)).hasMessage("not a listen request: 'udp -1'");
  }

  @Test
  void aContainerWithoutAChannelRefusesAndTheDefaultContextToo() {
    assertThatThrownBy(() -> new ModuleSockets(null).udp(udpPort)).hasMessageContaining("cannot open listening");
    ModuleContext plain = new ModuleContext() {
      @Override
      public Map<String, String> properties() {
        return Map.of();
      }

      @Override
      public void emit(Packet packet) {}

      @Override
      public long nanoTime() {
        return 0;
      }

      @Override
      public void publish(Map<String, Object> report) {}
    };
    assertThatThrownBy(() -> plain.listenTcp(tcpPort)).hasMessageContaining("cannot open listening sockets");
  }

  /** A server module that opens its port at start and never closes it. */
  static final class Forgetful implements NetServModule {
    @Override
    public void start(ModuleContext context) throws Exception {
      context.listenUdp(Integer.parseInt(context.properties().get("port")));
    }

    @Override
    public Verdict process(Packet packet, ModuleContext context) {
      return Verdict.FORWARD;
    }
  }

  @Test
  void removingAModuleClosesTheSocketsItForgot() throws Exception {
    Dispatcher dispatcher = new Dispatcher(1_000_000, 3, System::nanoTime, (m, r) -> {});
    dispatcher.add("Forgetful_1.0", new Forgetful(), Map.of("port", String.valueOf(udpPort)), null,
        new ModuleSockets(new ListenChannel(pair[1])));
    assertThatThrownBy(() -> sockets.udp(udpPort)).hasMessageContaining("cannot bind udp");
    assertThat(dispatcher.remove("Forgetful_1.0")).isTrue();
    assertThat(Optional.of(sockets.udp(udpPort))).isPresent();
  }
}
