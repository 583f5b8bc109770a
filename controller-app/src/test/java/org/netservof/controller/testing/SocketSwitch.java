package org.netservof.controller.testing;

import io.netty.buffer.Unpooled;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import org.projectfloodlight.openflow.protocol.OFBarrierRequest;
import org.projectfloodlight.openflow.protocol.OFDescStatsRequest;
import org.projectfloodlight.openflow.protocol.OFEchoRequest;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFFeaturesRequest;
import org.projectfloodlight.openflow.protocol.OFHello;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFPortDesc;
import org.projectfloodlight.openflow.protocol.OFPortDescStatsRequest;
import org.projectfloodlight.openflow.protocol.OFRoleRequest;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.types.DatapathId;
import org.projectfloodlight.openflow.types.MacAddress;
import org.projectfloodlight.openflow.types.OFPort;
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
    while (true) {
      OFMessage m = read();
      if (m instanceof OFHello) {
        send(factory.buildHello().setElements(List.of(factory.helloElemVersionbitmap(
            List.of(U32.of(1L << factory.getVersion().getWireVersion()))))).build());
      } else if (m instanceof OFFeaturesRequest r) {
        send(factory.buildFeaturesReply().setXid(r.getXid()).setDatapathId(dpid).setNTables((short) 254).build());
      } else if (m instanceof OFPortDescStatsRequest r) {
        send(factory.buildPortDescStatsReply().setXid(r.getXid()).setEntries(portDescs(ports)).build());
      } else if (m instanceof OFDescStatsRequest r) {
        send(factory.buildDescStatsReply().setXid(r.getXid()).setMfrDesc("test").setHwDesc("socket switch")
            .setSwDesc("1").setSerialNum("1").setDpDesc("socket").build());
      } else if (m instanceof OFRoleRequest r) {
        send(factory.buildRoleReply().setXid(r.getXid()).setRole(r.getRole()).setGenerationId(r.getGenerationId())
            .build());
      } else if (m instanceof OFBarrierRequest r) {
        send(factory.buildBarrierReply().setXid(r.getXid()).build());
        return;
      }
    }
  }

  public void send(OFMessage... messages) throws IOException {
    var buf = OFWire.encode(messages);
    try {
      byte[] bytes = new byte[buf.readableBytes()];
      buf.readBytes(bytes);
      out.write(bytes);
      out.flush();
    } finally {
      buf.release();
    }
  }

  /** Reads one message, blocking up to 10 s. */
  public OFMessage read() throws IOException {
    byte[] header = new byte[8];
    in.readFully(header);
    int length = ((header[2] & 0xff) << 8) | (header[3] & 0xff);
    byte[] whole = new byte[length];
    System.arraycopy(header, 0, whole, 0, 8);
    in.readFully(whole, 8, length - 8);
    try {
      return OFFactories.getGenericReader().readFrom(Unpooled.wrappedBuffer(whole));
    } catch (org.projectfloodlight.openflow.exceptions.OFParseError e) {
      throw new IOException("the controller wrote a message Loxi cannot read: " + e.getMessage(), e);
    }
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

  private List<OFPortDesc> portDescs(int count) {
    List<OFPortDesc> descs = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      descs.add(factory.buildPortDesc().setPortNo(OFPort.of(i)).setHwAddr(MacAddress.of(0x020000000000L + i))
          .setName("s" + i).build());
    }
    return descs;
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
