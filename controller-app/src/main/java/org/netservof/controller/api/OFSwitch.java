package org.netservof.controller.api;

import java.net.SocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.projectfloodlight.openflow.protocol.OFControllerRole;
import org.projectfloodlight.openflow.protocol.OFDescStatsReply;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFFeaturesReply;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFPortDesc;
import org.projectfloodlight.openflow.protocol.OFRequest;
import org.projectfloodlight.openflow.protocol.OFStatsReply;
import org.projectfloodlight.openflow.protocol.OFStatsRequest;
import org.projectfloodlight.openflow.types.DatapathId;
import org.projectfloodlight.openflow.types.OFPort;

/**
 * A connected switch that completed the handshake. Every method may be called from any thread.
 *
 * <p>Writes are queued on the switch's I/O thread and flushed in batches (when the current read burst ends
 * or the batch fills), so writing many messages costs one system call per batch, not per message. Every
 * message must be built with {@link #factory()}: the version the switch negotiated.
 *
 * <p>Futures returned here complete on the switch's I/O thread: exceptionally with
 * {@link OFErrorException} when the switch answers with an error, {@link SwitchDisconnectedException} when
 * the connection closes first, and {@link java.util.concurrent.TimeoutException} when no answer comes within
 * the configured request timeout.
 */
public interface OFSwitch {

  DatapathId id();

  /** The factory of the negotiated OpenFlow version. */
  OFFactory factory();

  OFFeaturesReply features();

  /** What the switch said it is at the handshake: manufacturer, hardware, software, serial number. */
  OFDescStatsReply description();

  /** The switch's ports as last reported (handshake, then port-status messages). */
  Collection<OFPortDesc> ports();

  /** The port as last reported; the default searches {@link #ports()}. */
  default Optional<OFPortDesc> port(OFPort number) {
    return ports().stream().filter(p -> p.getPortNo().equals(number)).findFirst();
  }

  /** Whether the port exists, is not administratively down and has link. */
  default boolean isPortUp(OFPort number) {
    return port(number).map(Ports::isUp).orElse(false);
  }

  SocketAddress remoteAddress();

  Instant connectedSince();

  /** Time from TCP connect to the end of the handshake. */
  Duration handshakeDuration();

  /** The role the switch granted in reply to our role request; empty on OpenFlow 1.0 or when refused. */
  Optional<OFControllerRole> role();

  boolean isConnected();

  /** Sends a message; errors the switch returns for it are logged with the message and dispatched. */
  void write(OFMessage message);

  /** Sends messages in order, as one batch. */
  void write(Collection<? extends OFMessage> messages);

  /** Sends a request and completes with its single reply. */
  <R extends OFMessage> CompletableFuture<R> request(OFRequest<R> request);

  /** Sends a statistics (multipart) request and completes with every part of the reply, in order. */
  <R extends OFStatsReply> CompletableFuture<List<R>> stats(OFStatsRequest<R> request);

  /**
   * Sends the messages followed by a barrier; completes when the barrier reply arrives, or exceptionally
   * with an {@link OFErrorException} naming every message of the batch that the switch refused.
   */
  CompletableFuture<Void> writeConfirmed(Collection<? extends OFMessage> messages);

  /** Closes the connection; the switch-removed event follows. */
  void disconnect();
}
