package org.netservof.controller.testing;

import io.netty.handler.ssl.JdkSslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLSocket;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFFeaturesRequest;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.types.DatapathId;

/**
 * A stranger posing as a switch over TLS: a blocking JDK TLS client speaking OpenFlow 1.3 with Loxi, with or
 * without a client certificate. It claims a DPID and records every message the controller sends it until the
 * controller closes the connection.
 */
public final class TlsSwitchClient implements AutoCloseable {
  private final OFFactory factory = OFFactories.getFactory(OFVersion.OF_13);
  private final SSLSocket socket;
  private final DataInputStream in;
  private final OutputStream out;
  /** Every message received so far, in order. */
  public final List<OFMessage> received = new ArrayList<>();

  /**
   * Connects and starts TLS, trusting {@code ca}; presents {@code cert} (its key beside it, {@code .key}) if given.
   */
  public TlsSwitchClient(InetSocketAddress controller, Path ca, Optional<Path> cert) throws Exception {
    SslContextBuilder builder = SslContextBuilder.forClient().sslProvider(SslProvider.JDK).trustManager(ca.toFile())
        .protocols("TLSv1.3", "TLSv1.2");
    cert.ifPresent(c -> builder.keyManager(c.toFile(),
        c.resolveSibling(c.getFileName().toString().replace(".pem", ".key")).toFile()));
    JdkSslContext context = (JdkSslContext) builder.build();
    Socket plain = new Socket(controller.getAddress(), controller.getPort());
    plain.setSoTimeout(15_000);
    socket = (SSLSocket) context.context().getSocketFactory().createSocket(plain, controller.getHostString(),
        controller.getPort(), true);
    socket.startHandshake();
    in = new DataInputStream(socket.getInputStream());
    out = socket.getOutputStream();
  }

  /**
   * Says HELLO, answers FEATURES_REQUEST claiming {@code dpid}, then reads until the controller closes the
   * connection (or a TLS alert does). Every message received is in {@link #received}.
   */
  public void claim(DatapathId dpid) {
    try {
      send(factory.buildHello().build());
      while (true) {
        OFMessage m = read();
        received.add(m);
        if (m instanceof OFFeaturesRequest request) {
          send(factory.buildFeaturesReply().setXid(request.getXid()).setDatapathId(dpid).setNBuffers(0)
              .setNTables((short) 254).build());
        }
      }
    } catch (EOFException | javax.net.ssl.SSLException | java.net.SocketException e) {
      return; // closed by the controller: what the test is after
    } catch (IOException e) {
      throw new IllegalStateException("the controller neither answered nor closed the connection: " + e, e);
    }
  }

  private void send(OFMessage m) throws IOException {
    OFWire.write(out, m);
  }

  private OFMessage read() throws IOException {
    return OFWire.read(in);
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
