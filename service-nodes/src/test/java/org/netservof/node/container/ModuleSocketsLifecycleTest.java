package org.netservof.node.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.netservof.node.api.TcpConnection;
import org.netservof.node.api.UdpEndpoint;
import org.netservof.node.io.FdPassing;
import org.netservof.node.io.ListenChannel;

/**
 * A module's sockets once closed, and calls that must not wait for ever: sockets asked for after the module's
 * were closed are refused (never bound and forgotten), a receive blocked on a socket that is closed returns at
 * once, a silent client or a stuck agent costs a module at most its I/O timeout.
 */
class ModuleSocketsLifecycleTest {
  private static final Inet4Address LOOPBACK = LoopbackAgent.LOOPBACK;
  private static final Duration IO_TIMEOUT = Duration.ofMillis(300);
  private final LoopbackAgent agent = new LoopbackAgent();
  private final int udpPort = agent.udpPort;
  private final int tcpPort = agent.tcpPort;
  private final ModuleSockets sockets = new ModuleSockets(agent.channel(), IO_TIMEOUT);

  @AfterEach
  void close() throws InterruptedException {
    sockets.close();
    agent.close();
  }

  @Test
  void socketsAskedForAfterTheModulesWereClosedAreRefusedAndLeaveThePortFree() throws Exception {
    sockets.close();
    assertThatThrownBy(() -> sockets.udp(udpPort)).isInstanceOf(IOException.class).hasMessageContaining("closed");
    try (DatagramSocket again = new DatagramSocket(udpPort, LOOPBACK)) {
      assertThat(again.getLocalPort()).as("nothing holds the port").isEqualTo(udpPort);
    }
    sockets.close(); // twice is once
  }

  @Test
  void aReceiveBlockedOnAnEndpointThatIsClosedReturnsAtOnce() throws Exception {
    UdpEndpoint udp = sockets.udp(udpPort);
    CompletableFuture<Object> waiting = CompletableFuture.supplyAsync(() -> {
      try {
        return udp.receive(new byte[64], Duration.ofSeconds(60));
      } catch (IOException e) {
        return e;
      }
    });
    Thread.sleep(200); // let it reach its wait; were it not yet there, it fails on the closed endpoint anyway
    udp.close();
    assertThat(waiting.get(10, TimeUnit.SECONDS)).as("the wait ended by the close, not its 60 s").isNotNull();
    assertThatThrownBy(() -> udp.send(new byte[1], 1, new InetSocketAddress(LOOPBACK, 9)))
        .hasMessageContaining("is closed");
    udp.close();
  }

  @Test
  void aSilentClientCostsAReadAtMostTheIoTimeout() throws Exception {
    try (Socket client = new Socket()) {
      var tcp = sockets.tcp(tcpPort);
      client.connect(new InetSocketAddress(LOOPBACK, tcpPort), 5000);
      TcpConnection c = tcp.accept(Duration.ofSeconds(5)).orElseThrow();
      CompletableFuture<Object> read = CompletableFuture.supplyAsync(() -> {
        try {
          return c.input().read();
        } catch (IOException e) {
          return e;
        }
      });
      assertThat(read.get(20, TimeUnit.SECONDS)).isInstanceOf(SocketTimeoutException.class);
      c.close();
    }
  }

  @Test
  void anAgentThatNeverAnswersCostsARequestAtMostTheIoTimeout() throws Exception {
    int[] silent = FdPassing.socketPair();
    try {
      ModuleSockets stuck = new ModuleSockets(new ListenChannel(silent[1]), IO_TIMEOUT);
      CompletableFuture<Object> asked = CompletableFuture.supplyAsync(() -> {
        try {
          return stuck.udp(udpPort);
        } catch (IOException e) {
          return e;
        }
      });
      assertThat(asked.get(20, TimeUnit.SECONDS)).isInstanceOf(IOException.class)
          .asString().contains("did not answer");
    } finally {
      FdPassing.close(silent[0]);
      FdPassing.close(silent[1]);
    }
  }
}
