package org.netservof.controller.testing;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.netservof.controller.api.OFSwitch;
import org.projectfloodlight.openflow.protocol.OFControllerRole;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFFeaturesReply;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFPortConfig;
import org.projectfloodlight.openflow.protocol.OFPortDesc;
import org.projectfloodlight.openflow.protocol.OFPortState;
import org.projectfloodlight.openflow.protocol.OFRequest;
import org.projectfloodlight.openflow.protocol.OFStatsReply;
import org.projectfloodlight.openflow.protocol.OFStatsRequest;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.types.DatapathId;
import org.projectfloodlight.openflow.types.OFPort;

/**
 * A switch for unit tests of modules: it records what the module writes and answers confirmed writes at
 * once (or refuses them when told to); requests are not supported unless a {@link Peer} plays the switch.
 */
public final class FakeSwitch implements OFSwitch {
  private final DatapathId id;
  private final OFFactory factory;
  private final Map<OFPort, OFPortDesc> ports = new LinkedHashMap<>();
  public final List<OFMessage> written = new ArrayList<>();
  private Exception refusal;
  private Peer peer = new Peer() {};

  /** The switch's side of requests and writes, for a test that plays it. */
  public interface Peer {
    /** The switch's answer to a request; by default it answers none. */
    default CompletableFuture<? extends OFMessage> answer(OFRequest<?> request) {
      return CompletableFuture.failedFuture(new UnsupportedOperationException("FakeSwitch answers no requests"));
    }

    /** Whether the switch takes a write (false: it refuses it, and it is not recorded); by default it does. */
    default boolean takes(OFMessage write) {
      return true;
    }
  }

  public FakeSwitch(long dpid, OFVersion version, int portCount) {
    this.id = DatapathId.of(dpid);
    this.factory = OFFactories.getFactory(version);
    for (int i = 1; i <= portCount; i++) {
      ports.put(OFPort.of(i), factory.buildPortDesc().setPortNo(OFPort.of(i)).setName("p" + i).build());
    }
  }

  /** Plays the switch's side with {@code peer}. */
  public FakeSwitch answeredBy(Peer switchSide) {
    this.peer = switchSide;
    return this;
  }

  /** The next confirmed write fails with {@code e} and writes nothing, as a switch refusing a batch. */
  public void refuseNextConfirmed(Exception e) {
    refusal = e;
  }

  /** Messages written so far, and forgets them. */
  public List<OFMessage> take() {
    List<OFMessage> out = List.copyOf(written);
    written.clear();
    return out;
  }

  public void setPortUp(int number, boolean up) {
    OFPort port = OFPort.of(number);
    ports.put(port, ports.get(port).createBuilder()
        .setConfig(up ? java.util.Set.of() : java.util.Set.of(OFPortConfig.PORT_DOWN))
        .setState(up ? java.util.Set.of() : java.util.Set.of(OFPortState.LINK_DOWN)).build());
  }

  @Override
  public DatapathId id() {
    return id;
  }

  @Override
  public OFFactory factory() {
    return factory;
  }

  @Override
  public OFFeaturesReply features() {
    return factory.buildFeaturesReply().setDatapathId(id).build();
  }

  @Override
  public org.projectfloodlight.openflow.protocol.OFDescStatsReply description() {
    return factory.buildDescStatsReply().setMfrDesc("Nicira, Inc.").setHwDesc("Open vSwitch").setSwDesc("3.1.0")
        .setSerialNum("None").setDpDesc("fake").build();
  }

  @Override
  public Collection<OFPortDesc> ports() {
    return List.copyOf(ports.values());
  }

  @Override
  public SocketAddress remoteAddress() {
    return InetSocketAddress.createUnresolved("fake", 1);
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
    return Optional.empty();
  }

  @Override
  public boolean isConnected() {
    return true;
  }

  @Override
  public void write(OFMessage message) {
    if (peer.takes(message)) {
      written.add(message);
    }
  }

  @Override
  public void write(Collection<? extends OFMessage> messages) {
    messages.forEach(this::write);
  }

  @Override
  @SuppressWarnings("unchecked")
  public <R extends OFMessage> CompletableFuture<R> request(OFRequest<R> request) {
    return (CompletableFuture<R>) peer.answer(request);
  }

  @Override
  public <R extends OFStatsReply> CompletableFuture<List<R>> stats(OFStatsRequest<R> request) {
    return CompletableFuture.failedFuture(new UnsupportedOperationException("FakeSwitch answers no requests"));
  }

  @Override
  public CompletableFuture<Void> writeConfirmed(Collection<? extends OFMessage> messages) {
    if (refusal != null) {
      Exception e = refusal;
      refusal = null;
      return CompletableFuture.failedFuture(e);
    }
    written.addAll(messages);
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public void disconnect() {}
}
