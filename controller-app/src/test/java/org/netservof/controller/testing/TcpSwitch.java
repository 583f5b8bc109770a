package org.netservof.controller.testing;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.projectfloodlight.openflow.exceptions.OFParseError;
import org.projectfloodlight.openflow.protocol.OFBarrierRequest;
import org.projectfloodlight.openflow.protocol.OFDescStatsRequest;
import org.projectfloodlight.openflow.protocol.OFEchoRequest;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFFeaturesRequest;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFPortDescStatsRequest;
import org.projectfloodlight.openflow.protocol.OFRoleRequest;
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
  private final DatapathId dpid;
  private final int ports;
  private final BlockingQueue<OFMessage> received = new LinkedBlockingQueue<>();
  private final Thread reader;

  public TcpSwitch(InetSocketAddress controller, OFVersion version, DatapathId dpid, int ports) throws IOException {
    this.socket = new Socket(controller.getAddress(), controller.getPort());
    this.out = socket.getOutputStream();
    this.factory = OFFactories.getFactory(version);
    this.dpid = dpid;
    this.ports = ports;
    send(version == OFVersion.OF_10 ? factory.buildHello().build() : factory.buildHello().setElements(List.of(
        factory.helloElemVersionbitmap(List.of(U32.of(1L << version.getWireVersion()))))).build());
    this.reader = new Thread(this::readLoop, "tcp-switch-" + dpid);
    reader.setDaemon(true);
    reader.start();
  }

  public OFFactory factory() {
    return factory;
  }

  public void send(OFMessage message) throws IOException {
    ByteBuf buf = OFWire.encode(message);
    try {
      sendBytes(ByteBufUtil.getBytes(buf));
    } finally {
      buf.release();
    }
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
      byte[] header = new byte[8];
      while (true) {
        in.readFully(header);
        int length = ((header[2] & 0xff) << 8) | (header[3] & 0xff);
        byte[] frame = new byte[Math.max(length, 8)];
        System.arraycopy(header, 0, frame, 0, 8);
        in.readFully(frame, 8, frame.length - 8);
        OFMessage m = OFFactories.getGenericReader().readFrom(Unpooled.wrappedBuffer(frame));
        if (m != null && !answered(m)) {
          received.add(m);
        }
      }
    } catch (IOException | OFParseError e) {
      // Closed by either side, or the controller wrote something Loxi cannot read: the test sees isOpen().
    }
  }

  private boolean answered(OFMessage m) throws IOException {
    if (m instanceof OFFeaturesRequest r) {
      var reply = factory.buildFeaturesReply().setXid(r.getXid()).setDatapathId(dpid).setNBuffers(0)
          .setNTables((short) 254);
      send(factory.getVersion() == OFVersion.OF_10 ? reply.setPorts(PortDescs.of(factory, ports))
          .build() : reply.build());
    } else if (m instanceof OFPortDescStatsRequest r) {
      send(factory.buildPortDescStatsReply().setXid(r.getXid()).setEntries(PortDescs.of(factory, ports)).build());
    } else if (m instanceof OFDescStatsRequest r) {
      send(factory.buildDescStatsReply().setXid(r.getXid()).setMfrDesc("Nicira, Inc.").setHwDesc("Open vSwitch")
          .setSwDesc("3.1.0").setSerialNum("None").setDpDesc("tcp-switch").build());
    } else if (m instanceof OFRoleRequest r) {
      send(factory.buildRoleReply().setXid(r.getXid()).setRole(r.getRole()).setGenerationId(r.getGenerationId())
          .build());
    } else if (m instanceof OFBarrierRequest r) {
      send(factory.buildBarrierReply().setXid(r.getXid()).build());
    } else if (m instanceof OFEchoRequest r) {
      send(factory.buildEchoReply().setXid(r.getXid()).setData(r.getData()).build());
    } else {
      return false;
    }
    return true;
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
