package org.netservof.controller.testing;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.projectfloodlight.openflow.protocol.OFBarrierRequest;
import org.projectfloodlight.openflow.protocol.OFEchoRequest;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFHello;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.types.DatapathId;
import org.projectfloodlight.openflow.types.U32;

/**
 * An OpenFlow 1.3 switch on a real TCP connection, played by the test with blocking I/O: it completes the
 * handshake, then reads only when the test says so. A switch that stops reading, with a small receive buffer,
 * is what a hostile or wedged switch looks like to the controller.
 */
public final class SocketSwitch implements AutoCloseable {
  public final OFFactory factory = OFFactories.getFactory(OFVersion.OF_13);
  private final Socket socket = new Socket();
  private final DataInputStream in;
  private final OutputStream out;

  /** Connects with a receive buffer of {@code receiveBuffer} bytes (the kernel may round it up). */
  public SocketSwitch(InetSocketAddress controller, int receiveBuffer) throws IOException {
    socket.setReceiveBufferSize(receiveBuffer);
    socket.connect(controller, 5000);
    socket.setSoTimeout(10_000);
    in = new DataInputStream(socket.getInputStream());
    out = socket.getOutputStream();
  }

  /** Plays the switch through the handshake with {@code ports} ports; returns when the controller's barrier is answered. */
  public void handshake(DatapathId dpid, int ports) throws IOException {
    SwitchAnswers answers = new SwitchAnswers(factory, dpid, ports);
    while (true) {
      OFMessage m = read();
      if (m instanceof OFHello) {
        send(factory.buildHello().setElements(List.of(factory.helloElemVersionbitmap(
            List.of(U32.of(1L << factory.getVersion().getWireVersion()))))).build());
      }
      Optional<OFMessage> reply = answers.to(m);
      if (reply.isPresent()) {
        send(reply.get());
      }
      if (m instanceof OFBarrierRequest) {
        return;
      }
    }
  }

  public void send(OFMessage... messages) throws IOException {
    OFWire.write(out, messages);
  }

  /** Reads one message, blocking up to 10 s. */
  public OFMessage read() throws IOException {
    return OFWire.read(in);
  }

  /** Reads {@code count} messages, answering echo requests among them. */
  public List<OFMessage> readMessages(int count) throws IOException {
    List<OFMessage> read = new ArrayList<>();
    while (read.size() < count) {
      OFMessage m = read();
      if (m instanceof OFEchoRequest echo) {
        send(factory.buildEchoReply().setXid(echo.getXid()).setData(echo.getData()).build());
      }
      read.add(m);
    }
    return read;
  }

  public boolean isClosedByPeer() {
    try {
      socket.setSoTimeout(100);
      while (true) {
        if (in.read(new byte[65536]) < 0) {
          return true;
        }
      }
    } catch (java.net.SocketTimeoutException e) {
      return false;
    } catch (IOException e) {
      return true;
    }
  }

  /** Closes the connection with a reset (SO_LINGER 0), as a load generator that quits with replies unread does. */
  public void reset() throws IOException {
    socket.setSoLinger(true, 0);
    socket.close();
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
