package org.netservof.controller.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.embedded.EmbeddedChannel;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.netservof.controller.channel.OFChannelInitializer;
import org.netservof.controller.channel.OpenFlowConfig;
import org.netservof.controller.channel.SwitchActivator;
import org.netservof.controller.channel.SwitchAdmission;
import org.projectfloodlight.openflow.protocol.OFBarrierRequest;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFFeaturesRequest;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFPortDesc;
import org.projectfloodlight.openflow.protocol.OFPortDescStatsRequest;
import org.projectfloodlight.openflow.protocol.OFRoleRequest;
import org.projectfloodlight.openflow.protocol.OFStatsReplyFlags;
import org.projectfloodlight.openflow.protocol.OFType;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.types.DatapathId;

/**
 * The switch side of a controller connection on a Netty {@link EmbeddedChannel}: the controller's real
 * pipeline runs on the channel; the test speaks for the switch with real Loxi messages, and time only moves
 * when the test advances it.
 */
public final class EmbeddedSwitch implements AutoCloseable {
  public final EmbeddedChannel channel;
  public final OFFactory factory;
  private final Deque<OFMessage> received = new ArrayDeque<>();

  public EmbeddedSwitch(OFVersion version, OpenFlowConfig config, SwitchActivator activator) {
    this(version, config, activator, SwitchAdmission.open());
  }

  /** A switch whose connection is subject to {@code admission} (an allow-list; TLS does not apply here). */
  public EmbeddedSwitch(OFVersion version, OpenFlowConfig config, SwitchActivator activator,
      SwitchAdmission admission) {
    this.factory = OFFactories.getFactory(version);
    OFChannelInitializer initializer = new OFChannelInitializer(config, () -> 42L, activator, admission);
    this.channel = new EmbeddedChannel(new ChannelInitializer<Channel>() {
      @Override
      protected void initChannel(Channel ch) {
        initializer.configure(ch.pipeline());
      }
    });
    channel.freezeTime();
  }

  /** A switch of {@code version} that completed its handshake with {@code ports}, what it was sent read. */
  public static EmbeddedSwitch connected(OFVersion version, SwitchActivator activator, DatapathId dpid, int ports) {
    EmbeddedSwitch peer = new EmbeddedSwitch(version, OpenFlowConfig.DEFAULTS, activator);
    peer.completeHandshake(dpid, ports);
    peer.drain();
    return peer;
  }

  /** The switch sends messages to the controller. */
  public void send(OFMessage... messages) {
    channel.writeInbound(OFWire.encode(messages));
    channel.runPendingTasks();
  }

  /** Raw bytes from the switch. */
  public void sendBytes(ByteBuf bytes) {
    channel.writeInbound(bytes);
    channel.runPendingTasks();
  }

  /** Everything the controller has written so far, in order. */
  public List<OFMessage> drain() {
    collect();
    List<OFMessage> out = new ArrayList<>(received);
    received.clear();
    return out;
  }

  /** The next message the controller wrote; fails if there is none or it has another type. */
  public <M extends OFMessage> M expect(OFType type, Class<M> kind) {
    collect();
    assertThat(received).as("controller wrote nothing more; expected %s", type).isNotEmpty();
    OFMessage next = received.poll();
    assertThat(next.getType()).as("next message from the controller: %s", next).isEqualTo(type);
    return kind.cast(next);
  }

  public void advance(Duration d) {
    channel.advanceTimeBy(d.toNanos(), TimeUnit.NANOSECONDS);
    channel.runScheduledPendingTasks();
    channel.runPendingTasks();
  }

  /**
   * Completes the handshake as a switch with {@code ports} (numbered from 1), answering the role request
   * with the role asked; afterwards the controller has activated the switch.
   */
  public void completeHandshake(DatapathId dpid, int ports) {
    answerUpToConfiguration(dpid, ports);
    expect(OFType.SET_CONFIG, OFMessage.class);
    expect(OFType.FLOW_MOD, OFMessage.class);
    OFBarrierRequest barrier = null;
    for (OFMessage m : drain()) {
      if (m instanceof OFRoleRequest role) {
        grantRole(role);
      } else if (m instanceof OFBarrierRequest b) {
        barrier = b;
      }
    }
    assertThat(barrier).as("the controller ends the handshake with a barrier").isNotNull();
    send(factory.buildBarrierReply().setXid(barrier.getXid()).build());
  }

  /**
   * Plays the switch through HELLO, FEATURES and (1.3+) the port description; the controller's
   * configuration messages (SET_CONFIG, table-miss, role, barrier) are left for the test to read.
   */
  public void answerUpToConfiguration(DatapathId dpid, int ports) {
    expect(OFType.HELLO, OFMessage.class);
    if (factory.getVersion().compareTo(OFVersion.OF_13) >= 0) {
      send(factory.buildHello().setElements(List.of(factory.helloElemVersionbitmap(List.of(
          org.projectfloodlight.openflow.types.U32.of(1L << factory.getVersion().getWireVersion()))))).build());
    } else {
      send(factory.buildHello().build());
    }
    OFFeaturesRequest features = expect(OFType.FEATURES_REQUEST, OFFeaturesRequest.class);
    List<OFPortDesc> descs = portDescs(ports);
    if (factory.getVersion() == OFVersion.OF_10) {
      send(factory.buildFeaturesReply().setXid(features.getXid()).setDatapathId(dpid).setNBuffers(0)
          .setNTables((short) 1).setPorts(descs).build());
    } else {
      send(factory.buildFeaturesReply().setXid(features.getXid()).setDatapathId(dpid).setNBuffers(0)
          .setNTables((short) 254).build());
      OFPortDescStatsRequest desc = expect(OFType.STATS_REQUEST, OFPortDescStatsRequest.class);
      send(factory.buildPortDescStatsReply().setXid(desc.getXid()).setEntries(descs).build());
    }
    answerDescription();
  }

  /** Answers the controller's description request as an Open vSwitch would. */
  public void answerDescription() {
    org.projectfloodlight.openflow.protocol.OFDescStatsRequest request =
        expect(OFType.STATS_REQUEST, org.projectfloodlight.openflow.protocol.OFDescStatsRequest.class);
    send(factory.buildDescStatsReply().setXid(request.getXid()).setMfrDesc("Nicira, Inc.")
        .setHwDesc("Open vSwitch").setSwDesc("3.1.0").setSerialNum("None").setDpDesc("embedded").build());
  }

  /** {@code count} up ports numbered 1..count with MACs 02:00:00:00:00:0N. */
  public List<OFPortDesc> portDescs(int count) {
    return PortDescs.of(factory, count);
  }

  public OFPortDesc port(int number, boolean up) {
    return PortDescs.port(factory, number, up);
  }

  /** Answers a role request with the role it asked for. */
  public void grantRole(OFRoleRequest request) {
    send(factory.buildRoleReply().setXid(request.getXid()).setRole(request.getRole())
        .setGenerationId(request.getGenerationId()).build());
  }

  /** A multipart reply flag helper. */
  public static java.util.Set<OFStatsReplyFlags> more() {
    return java.util.Set.of(OFStatsReplyFlags.REPLY_MORE);
  }

  private void collect() {
    channel.runPendingTasks();
    Object out;
    while ((out = channel.readOutbound()) != null) {
      if (out instanceof ByteBuf buf) {
        received.addAll(OFWire.decodeAll(buf));
      } else {
        throw new AssertionError("controller wrote something that is not bytes: " + out);
      }
    }
  }

  @Override
  public void close() {
    channel.finishAndReleaseAll();
  }
}
