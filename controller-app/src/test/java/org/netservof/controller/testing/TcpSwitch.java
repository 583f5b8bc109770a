package org.netservof.controller.testing;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.types.DatapathId;
import org.projectfloodlight.openflow.types.U32;

/**
 * A switch on a real TCP connection to a running controller: it answers the handshake, descriptions, roles,
 * barriers and echoes the way Open vSwitch does, and keeps whatever else the controller writes for the test.
 * The test writes raw bytes with {@link #sendBytes}, well-formed or not.
 */
public final class TcpSwitch implements AutoCloseable {
  private final Socket socket;
  private final OutputStream out;
  private final OFFactory factory;
  private final SwitchAnswers answers;
  private final BlockingQueue<OFMessage> received = new LinkedBlockingQueue<>();
  private final Thread reader;

  public TcpSwitch(InetSocketAddress controller, OFVersion version, DatapathId dpid, int ports) throws IOException {
    this.socket = new Socket(controller.getAddress(), controller.getPort());
    this.out = socket.getOutputStream();
    this.factory = OFFactories.getFactory(version);
    this.answers = new SwitchAnswers(factory, dpid, ports);
    send(version == OFVersion.OF_10 ? factory.buildHello().build() : factory.buildHello().setElements(List.of(
        factory.helloElemVersionbitmap(List.of(U32.of(1L << version.getWireVersion()))))).build());
    this.reader = new Thread(this::readLoop, "tcp-switch-" + dpid);
    reader.setDaemon(true);
    reader.start();
  }

  public OFFactory factory() {
    return factory;
  }

  public synchronized void send(OFMessage message) throws IOException {
    OFWire.write(out, message);
  }

  public synchronized void sendBytes(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
  }

  /** The next message the controller wrote that the switch did not answer by itself, or null at the deadline. */
  public OFMessage next(Duration within) throws InterruptedException {
    return received.poll(within.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Drops what the controller wrote so far. */
  public void clear() {
    received.clear();
  }

  public boolean isOpen() {
    return reader.isAlive();
  }

  private void readLoop() {
    try (DataInputStream in = new DataInputStream(socket.getInputStream())) {
      while (true) {
        OFMessage m = OFWire.read(in);
        Optional<OFMessage> reply = answers.to(m);
        if (reply.isPresent()) {
          send(reply.get());
        } else {
          received.add(m);
        }
      }
    } catch (IOException e) {
      // Closed by either side, or the controller wrote something Loxi cannot read: the test sees isOpen().
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
