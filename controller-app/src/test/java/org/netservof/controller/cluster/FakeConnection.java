package org.netservof.controller.cluster;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.netservof.controller.api.OFErrorException;
import org.netservof.controller.api.OFSwitch;
import org.projectfloodlight.openflow.protocol.OFControllerRole;
import org.projectfloodlight.openflow.protocol.OFDescStatsReply;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFFeaturesReply;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFPortDesc;
import org.projectfloodlight.openflow.protocol.OFRequest;
import org.projectfloodlight.openflow.protocol.OFRoleRequest;
import org.projectfloodlight.openflow.protocol.OFStatsReply;
import org.projectfloodlight.openflow.protocol.OFStatsRequest;
import org.projectfloodlight.openflow.types.DatapathId;

/**
 * One member's connection to a {@link FakeRoleSwitch}: role requests are answered as the switch decides; a
 * write the switch refuses as coming from a slave runs {@link #onIsSlave}, as the IS_SLAVE error would.
 */
final class FakeConnection implements OFSwitch {
  private final FakeRoleSwitch sw;
  final String member;
  /** The role the switch gives this connection; a new connection is EQUAL. */
  volatile OFControllerRole role = OFControllerRole.ROLE_EQUAL;
  Runnable onIsSlave = () -> {};
  int roleRequests;

  FakeConnection(FakeRoleSwitch sw, String member) {
    this.sw = sw;
    this.member = member;
  }

  @Override
  public DatapathId id() {
    return sw.dpid;
  }

  @Override
  public OFFactory factory() {
    return sw.factory;
  }

  @Override
  public OFFeaturesReply features() {
    return sw.factory.buildFeaturesReply().setDatapathId(sw.dpid).build();
  }

  @Override
  public OFDescStatsReply description() {
    return sw.factory.buildDescStatsReply().build();
  }

  @Override
  public Collection<OFPortDesc> ports() {
    return List.of();
  }

  @Override
  public SocketAddress remoteAddress() {
    return InetSocketAddress.createUnresolved("switch", 1);
  }

  @Override
  public Instant connectedSince() {
    return Instant.EPOCH;
  }

  @Override
  public Duration handshakeDuration() {
    return Duration.ZERO;
  }

  @Override
  public Optional<OFControllerRole> role() {
    return Optional.of(role);
  }

  @Override
  public boolean isConnected() {
    return true;
  }

  @Override
  public void write(OFMessage message) {
    if (!sw.write(this, message.getType().toString())) {
      onIsSlave.run();
    }
  }

  @Override
  public void write(Collection<? extends OFMessage> messages) {
    messages.forEach(this::write);
  }

  @Override
  @SuppressWarnings("unchecked")
  public <R extends OFMessage> CompletableFuture<R> request(OFRequest<R> request) {
    roleRequests++;
    OFRoleRequest asked = (OFRoleRequest) request;
    Optional<OFErrorException> refused = sw.roleRequest(this, asked);
    if (refused.isPresent()) {
      return CompletableFuture.failedFuture(refused.get());
    }
    return CompletableFuture.completedFuture((R) sw.factory.buildRoleReply().setXid(asked.getXid())
        .setRole(asked.getRole()).setGenerationId(asked.getGenerationId()).build());
  }

  @Override
  public <R extends OFStatsReply> CompletableFuture<List<R>> stats(OFStatsRequest<R> request) {
    return CompletableFuture.failedFuture(new UnsupportedOperationException("no statistics here"));
  }

  @Override
  public CompletableFuture<Void> writeConfirmed(Collection<? extends OFMessage> messages) {
    write(messages);
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public void disconnect() {}
}
