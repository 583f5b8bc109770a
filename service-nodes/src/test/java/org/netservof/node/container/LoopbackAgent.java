package org.netservof.node.container;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import org.netservof.node.io.FdPassing;
import org.netservof.node.io.InetSockets;
import org.netservof.node.io.ListenChannel;
import org.netservof.protocol.node.ListenGrant;

/**
 * The root agent's side of a container's listen channel, in the test's own process: a real Unix socket pair,
 * alice's grant of one free UDP and one free TCP port, sockets bound on loopback (standing in for the service
 * address) and passed by SCM_RIGHTS.
 */
final class LoopbackAgent {
  static final Inet4Address LOOPBACK = (Inet4Address) InetAddress.getLoopbackAddress();
  final int udpPort = freePort();
  final int tcpPort = freePort();
  /** The port alice's modules may connect to (a test server listens there, or nothing does). */
  volatile int connectPort = freePort();
  final ListenGrant grant = ListenGrant.parse(List.of("udp:" + udpPort, "tcp:" + tcpPort));
  private final int[] pair;
  private final Thread agent = new Thread(this::serve, "test agent");

  LoopbackAgent() {
    try {
      pair = FdPassing.socketPair();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    agent.setDaemon(true);
    agent.start();
  }

  /** The container's end of the channel. */
  ListenChannel channel() {
    return new ListenChannel(pair[1]);
  }

  static int freePort() {
    try (DatagramSocket s = new DatagramSocket(0, LOOPBACK)) {
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
      }, (to, millis) -> {
        // Loopback is never granted for real (ConnectGrant): this stand-in grants the one test server's port.
        if (!to.equals(new InetSocketAddress(LOOPBACK, connectPort))) {
          throw new SecurityException("user 'alice' may not connect to " + to.getAddress().getHostAddress() + ":"
              + to.getPort());
        }
        return InetSockets.connectTcp(LOOPBACK, null, to, millis);
      });
    } catch (IOException e) {
      // the test closed its end
    }
  }

  /**
   * Closes the container's end, waits for the agent's side to see it go, and only then closes the agent's end:
   * closed earlier, its number could be reused by the next test's pair while this agent still reads it.
   */
  void close() throws InterruptedException {
    FdPassing.close(pair[1]);
    agent.join(10_000);
    assertThat(agent.isAlive()).as("the agent's side ends when the container's end closes").isFalse();
    FdPassing.close(pair[0]);
  }
}
