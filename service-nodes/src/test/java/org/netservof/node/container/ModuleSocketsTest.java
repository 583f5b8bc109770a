package org.netservof.node.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
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
import org.netservof.node.io.ListenChannel;

/**
 * A module's listening sockets end to end in one process: the container's side asks over a real Unix socket
 * pair, the agent's side checks the grant and binds on loopback (standing in for the service address), and the
 * descriptor crosses by SCM_RIGHTS.
 */
class ModuleSocketsTest {
  private static final Inet4Address LOOPBACK = LoopbackAgent.LOOPBACK;
  private final LoopbackAgent agent = new LoopbackAgent();
  private final int udpPort = agent.udpPort;
  private final int tcpPort = agent.tcpPort;
  private final ModuleSockets sockets = new ModuleSockets(agent.channel());

  @AfterEach
  void close() throws InterruptedException {
    sockets.close();
    agent.close();
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
  void aGrantedConnectionIsMadeByTheAgentAndCarriesBytesBothWays() throws Exception {
    try (ServerSocket origin = new ServerSocket(0, 1, LOOPBACK)) {
      agent.connectPort = origin.getLocalPort();
      InetSocketAddress to = new InetSocketAddress(LOOPBACK, origin.getLocalPort());
      TcpConnection c = sockets.connect(to, Duration.ofSeconds(5));
      assertThat(c.peer()).isEqualTo(to);
      try (Socket accepted = origin.accept()) {
        c.output().write("GET\n".getBytes(StandardCharsets.UTF_8));
        assertThat(new String(accepted.getInputStream().readNBytes(4), StandardCharsets.UTF_8)).isEqualTo("GET\n");
        accepted.getOutputStream().write("200\n".getBytes(StandardCharsets.UTF_8));
        accepted.shutdownOutput();
        assertThat(new String(c.input().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("200\n");
        sockets.close();
        assertThatThrownBy(() -> c.output().write(1)).as("closed with the module").hasMessageContaining("is closed");
      }
    }
  }

  @Test
  void aConnectionRefusedOrNotGrantedOrAskedBadlyIsAnErrorInTheUsersWords() throws Exception {
    InetSocketAddress nobody = new InetSocketAddress(LOOPBACK, agent.connectPort);
    assertThatThrownBy(() -> sockets.connect(nobody, Duration.ofSeconds(5))).isInstanceOf(IOException.class)
        .hasMessage("cannot connect to 127.0.0.1:" + agent.connectPort + ": connection refused");
    InetSocketAddress other = new InetSocketAddress(LOOPBACK, tcpPort);
    assertThatThrownBy(() -> sockets.connect(other, Duration.ofSeconds(5))).isInstanceOf(IOException.class)
        .hasMessage("user 'alice' may not connect to 127.0.0.1:" + tcpPort);
    assertThatThrownBy(() -> sockets.connect(new InetSocketAddress("::1", 80), Duration.ofSeconds(1)))
        .hasMessageContaining("only an IPv4 address");
    assertThatThrownBy(() -> sockets.connect(InetSocketAddress.createUnresolved("example.org", 80),
        Duration.ofSeconds(1))).hasMessageContaining("only an IPv4 address");
    assertThat(sockets.udp(udpPort)).as("the channel is still in step after refusals").isNotNull();
  }

  @Test
  void aHostileRequestLineIsRefusedWithoutConnectingOrResolving() throws Exception {
    int[] pair = FdPassing.socketPair();
    Thread server = new Thread(() -> {
      try {
        new ListenChannel(pair[0]).serve((p, port) -> {
          throw new SecurityException("no listening here");
        }, (to, millis) -> {
          throw new AssertionError("must not be asked: " + to);
        });
      } catch (IOException e) {
        // the test closed its end
      }
    });
    server.start();
    try {
      for (String bad : new String[] {"connect 999.0.0.1 80 1000", "connect 10.0.0.1 0 1000",
          "connect 10.0.0.1 65536 1000", "connect 10.0.0.1 80 0", "connect 10.0.0.1 80 99999",
          "connect example.org 80 1000", "connect 10.0.0.1 80", "connect 10.0.0.1 80 1000 x"}) {
        FdPassing.send(pair[1], -1, (bad + "\n").getBytes(StandardCharsets.UTF_8));
        byte[] answer = new byte[512];
        int n = FdPassing.receive(pair[1], answer, new int[] {-1});
        assertThat(new String(answer, 0, n, StandardCharsets.UTF_8)).as(bad).startsWith("refused ")
            .contains("connect");
      }
    } finally {
      FdPassing.close(pair[1]);
      server.join(10_000);
      FdPassing.close(pair[0]);
    }
  }

  @Test
  void everyPortOrProtocolNotGrantedIsRefusedInTheUsersWords() {
    assertThatThrownBy(() -> sockets.tcp(udpPort)).isInstanceOf(IOException.class)
        .hasMessage("user 'alice' may not listen on tcp:" + udpPort + ": the user's listen-ports grant names only "
            + String.join(", ", agent.grant.entries()));
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
    assertThatThrownBy(() -> plain.connectTcp(new InetSocketAddress(LOOPBACK, tcpPort), Duration.ofSeconds(1)))
        .hasMessageContaining("cannot open connections");
  }

  /** A server module that opens its port at start and never closes it. */
  static class Forgetful implements NetServModule {
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
        new ModuleSockets(agent.channel()));
    assertThatThrownBy(() -> sockets.udp(udpPort)).hasMessageContaining("cannot bind udp");
    assertThat(dispatcher.remove("Forgetful_1.0")).isTrue();
    assertThat(Optional.of(sockets.udp(udpPort))).isPresent();
  }

  /** A server module whose update takes new properties and leaves its socket as it is. */
  static final class Updatable extends Forgetful {
    @Override
    public void update(ModuleContext context) {}
  }

  @Test
  void aPropertyUpdateKeepsTheModulesSocketsAndARemoveStillClosesThem() throws Exception {
    Dispatcher dispatcher = new Dispatcher(1_000_000, 3, System::nanoTime, (m, r) -> {});
    dispatcher.add("Updatable_1.0", new Updatable(), Map.of("port", String.valueOf(udpPort)), null,
        new ModuleSockets(agent.channel()));
    var applied = dispatcher.update("Updatable_1.0", Map.of("port", String.valueOf(udpPort), "more", "1"));
    dispatcher.runPending();
    assertThat(applied.get()).isEmpty();
    assertThatThrownBy(() -> sockets.udp(udpPort)).as("still the module's after its update")
        .hasMessageContaining("cannot bind udp");
    assertThat(dispatcher.remove("Updatable_1.0")).isTrue();
    assertThat(Optional.of(sockets.udp(udpPort))).isPresent();
  }
}
