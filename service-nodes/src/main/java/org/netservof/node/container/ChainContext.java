package org.netservof.node.container;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.netservof.node.api.ModuleContext;
import org.netservof.node.api.Packet;
import org.netservof.node.api.TcpConnection;
import org.netservof.node.api.TcpListener;
import org.netservof.node.api.UdpEndpoint;

/**
 * What a module in a container's chain sees: its install (or latest update's) properties, the container's
 * clock, the chain's list of packets emitted while the current packet is processed (sent after it), its own
 * listening and connected sockets (kept across updates), and where its published reports go (through its
 * {@link org.netservof.protocol.node.ReportLimits}).
 */
record ChainContext(Map<String, String> properties, List<Packet> emitted, LongSupplier clock, ModuleSockets sockets,
    Consumer<Map<String, Object>> reports) implements ModuleContext {
  @Override
  public UdpEndpoint listenUdp(int port) throws IOException {
    return sockets.udp(port);
  }

  @Override
  public TcpListener listenTcp(int port) throws IOException {
    return sockets.tcp(port);
  }

  @Override
  public TcpConnection connectTcp(InetSocketAddress to, Duration timeout) throws IOException {
    return sockets.connect(to, timeout);
  }

  @Override
  public void emit(Packet packet) {
    emitted.add(packet);
  }

  @Override
  public void publish(Map<String, Object> report) {
    reports.accept(report);
  }

  @Override
  public long nanoTime() {
    return clock.getAsLong();
  }
}
