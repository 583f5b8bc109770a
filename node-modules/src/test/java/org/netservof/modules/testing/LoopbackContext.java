package org.netservof.modules.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.netservof.node.api.ModuleContext;
import org.netservof.node.api.Packet;
import org.netservof.node.api.TcpConnection;
import org.netservof.node.api.TcpListener;
import org.netservof.node.api.UdpEndpoint;

/**
 * A module context whose listening sockets are real sockets on 127.0.0.1, opened only for the ports of its
 * grant ({@code udp:PORT}, {@code tcp:PORT}) as a node agent would, refusing others in the grant's words.
 * Its clock is the real one: the modules' loops run on their own threads.
 */
public final class LoopbackContext implements ModuleContext {
  public static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

  private final Map<String, String> properties;
  private final Set<String> grant;
  private final List<Map<String, Object>> published = new ArrayList<>();

  public LoopbackContext(Map<String, String> properties, Set<String> grant) {
    this.properties = Map.copyOf(properties);
    this.grant = Set.copyOf(grant);
  }

  /** {@code count} UDP (or TCP) ports free on 127.0.0.1 right now. */
  public static List<Integer> freePorts(String protocol, int count) {
    List<Integer> ports = new ArrayList<>();
    try {
      while (ports.size() < count) {
        int port = "udp".equals(protocol) ? freeUdp() : freeTcp();
        if (!ports.contains(port)) {
          ports.add(port);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return ports;
  }

  private static int freeUdp() throws IOException {
    try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
      return s.getLocalPort();
    }
  }

  private static int freeTcp() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, LOOPBACK)) {
      return s.getLocalPort();
    }
  }

  @Override
  public Map<String, String> properties() {
    return properties;
  }

  @Override
  public void emit(Packet packet) {
    throw new UnsupportedOperationException("a server module under test emits no packets");
  }

  @Override
  public synchronized void publish(Map<String, Object> report) {
    published.add(report);
  }

  @Override
  public long nanoTime() {
    return System.nanoTime();
  }

  @Override
  public UdpEndpoint listenUdp(int port) throws IOException {
    check("udp", port);
    return new LoopbackUdpEndpoint(port);
  }

  @Override
  public TcpListener listenTcp(int port) throws IOException {
    check("tcp", port);
    return new LoopbackTcpListener(port);
  }

  /**
   * A real connection to {@code to} if the grant names {@code connect:ADDRESS:PORT} (a node grants by prefix and
   * never loopback, see ConnectGrant: here the test's own loopback servers stand in for the origin).
   */
  @Override
  public TcpConnection connectTcp(InetSocketAddress to, Duration timeout) throws IOException {
    String target = to.getAddress().getHostAddress() + ":" + to.getPort();
    if (!grant.contains("connect:" + target)) {
      throw new IOException("may not connect to " + target + ": the grant names only " + String.join(", ", grant));
    }
    Socket socket = new Socket();
    try {
      socket.connect(to, (int) timeout.toMillis());
    } catch (IOException e) {
      socket.close();
      throw e;
    }
    return new LoopbackTcpListener.Connection(socket, socket.getInputStream(), socket.getOutputStream());
  }

  private void check(String protocol, int port) throws IOException {
    if (!grant.contains(protocol + ":" + port)) {
      throw new IOException("may not listen on " + protocol + ":" + port + ": the grant names only "
          + String.join(", ", grant));
    }
  }
}
