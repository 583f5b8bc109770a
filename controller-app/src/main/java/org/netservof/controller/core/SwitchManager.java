package org.netservof.controller.core;

import io.netty.channel.Channel;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.netservof.controller.api.OFSwitch;
import org.netservof.controller.api.PortChange;
import org.netservof.controller.api.SwitchListener;
import org.netservof.controller.api.SwitchRefusal;
import org.netservof.controller.api.SwitchService;
import org.netservof.controller.api.SwitchSetupService;
import org.netservof.controller.api.cluster.SwitchRole;
import org.netservof.controller.channel.FloodProtection;
import org.netservof.controller.channel.HandshakeResult;
import org.netservof.controller.channel.OpenFlowConfig;
import org.netservof.controller.channel.OpenFlowMetrics;
import org.netservof.controller.channel.RoleStatus;
import org.netservof.controller.channel.SwitchActivator;
import org.netservof.controller.channel.SwitchSession;
import org.netservof.controller.util.EventSource;
import org.netservof.policy.openflow.CoreEntries;
import org.projectfloodlight.openflow.protocol.OFControllerRole;
import org.projectfloodlight.openflow.protocol.OFPortDesc;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.types.DatapathId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry of active switches. A connecting switch first receives its setup ({@link SwitchSetups}), then
 * listeners learn it was added. A second connection with the DPID of a connected switch is a claim the first
 * can contradict: the first is asked for a barrier, and if it answers (within the request timeout) the newcomer
 * is refused and closed; only a first connection that is gone or silent is replaced (listeners see it removed,
 * then the newcomer added). Nothing the newcomer sends is believed while that is decided.
 */
public final class SwitchManager extends EventSource<SwitchListener> implements SwitchService, SwitchActivator {
  private static final Logger log = LoggerFactory.getLogger(SwitchManager.class);
  private final ConcurrentHashMap<DatapathId, SwitchConnection> switches = new ConcurrentHashMap<>();
  private final OpenFlowConfig config;
  private final FloodProtection limits;
  private final MessageDispatcher dispatcher;
  private final Clock clock;
  private final OpenFlowMetrics metrics;
  private final SwitchSetups setups = new SwitchSetups(this::switches);
  private volatile SwitchArbiter arbiter = SwitchArbiter.ALONE;

  public SwitchManager(OpenFlowConfig config, MessageDispatcher dispatcher, Clock clock) {
    this(config, FloodProtection.DEFAULTS, dispatcher, clock);
  }

  public SwitchManager(OpenFlowConfig config, FloodProtection limits, MessageDispatcher dispatcher, Clock clock) {
    this(config, limits, dispatcher, clock, OpenFlowMetrics.off());
  }

  /** @param metrics where the switches' messages, errors and PacketIn handling times are counted */
  public SwitchManager(OpenFlowConfig config, FloodProtection limits, MessageDispatcher dispatcher, Clock clock,
      OpenFlowMetrics metrics) {
    this.config = config;
    this.limits = limits;
    this.dispatcher = dispatcher;
    this.clock = clock;
    this.metrics = metrics;
    for (SwitchRole.Role role : SwitchRole.Role.values()) {
      metrics.switchesGauge(role.name().toLowerCase(Locale.ROOT), () -> switches.values().stream()
          .filter(c -> c.roles().decided().role() == role).count());
    }
  }

  @Override
  public OpenFlowMetrics metrics() {
    return metrics;
  }

  /** Who contributes to what a connecting switch receives. */
  public SwitchSetupService setups() {
    return setups;
  }

  /** Puts the cluster's elections in charge of the switches that connect from now on. */
  void arbitrate(SwitchArbiter elections) {
    this.arbiter = Objects.requireNonNull(elections, "arbiter");
  }

  /** The switches this controller writes to (all of them, alone; in a cluster, those it masters). */
  @Override
  public Collection<OFSwitch> switches() {
    return switches.values().stream().filter(c -> c.roles().writes()).map(OFSwitch.class::cast).toList();
  }

  @Override
  public Optional<OFSwitch> getSwitch(DatapathId id) {
    SwitchConnection connection = switches.get(id);
    return connection != null && connection.roles().writes() ? Optional.of(connection) : Optional.empty();
  }

  @Override
  public Collection<OFSwitch> connectedSwitches() {
    return List.copyOf(switches.values());
  }

  @Override
  public boolean elects(OFVersion version) {
    return arbiter.elects(version);
  }

  @Override
  public SwitchSession activate(Channel channel, HandshakeResult handshake) {
    DatapathId dpid = handshake.features().getDatapathId();
    SwitchRole initial = elects(handshake.factory().getVersion())
        ? new SwitchRole(dpid, SwitchRole.Role.SLAVE, 0, Optional.empty())
        : SwitchArbiter.alone(dpid, handshake.role());
    SwitchConnection connection = new SwitchConnection(channel, handshake, config, limits,
        clock.instant().minus(handshake.duration()), this, dispatcher, initial);
    SwitchConnection live = switches.get(connection.id());
    if (live == null || !live.isConnected()) {
      admit(connection, channel);
      return connection;
    }
    connection.admitted(false);
    log.warn("switch {}: a second connection from {} claims the DPID of the connected one from {}; asking that "
        + "one whether it is still there", connection.id(), channel.remoteAddress(), live.remoteAddress());
    live.writeConfirmed(List.of()).whenComplete((answered, silent) -> {
      if (silent == null && live.isConnected()) {
        log.warn("switch {}: refused the connection from {}: the switch at {} still answers for this DPID",
            connection.id(), channel.remoteAddress(), live.remoteAddress());
        connection.disconnect();
        refused(new SwitchRefusal(Optional.of(connection.id()), String.valueOf(channel.remoteAddress()),
            "the switch at " + live.remoteAddress() + " still answers for this DPID"));
      } else {
        admit(connection, channel);
      }
    });
    return connection;
  }

  /** Tells the listeners a connection was refused as a switch (by the channel's admission or a takeover check). */
  public void refused(SwitchRefusal refusal) {
    metrics.connection("refused");
    tell(l -> l.switchRefused(refusal), "switchRefused from " + refusal.remote());
  }

  /** Registers the connection (closing one it replaces), then lets the arbiter decide whether it is written. */
  private void admit(SwitchConnection connection, Channel channel) {
    DatapathId id = connection.id();
    metrics.connection("connected");
    metrics.admitted(channel, id);
    SwitchConnection old = switches.put(id, connection);
    if (old != null && old != connection) {
      log.warn("switch {} connected again from {}; closing its old connection from {}", id,
          connection.remoteAddress(), old.remoteAddress());
      old.disconnect();
      arbiter.disconnected(old);
      if (old.roles().writes()) {
        tell(l -> l.switchRemoved(id), "switchRemoved of switch " + id);
      }
    }
    connection.admitted(true);
    log.info("switch {} connected from {}: {} {} {}, {} ports, {} tables, role {}, handshake {} ms", id,
        connection.remoteAddress(), connection.description().getHwDesc(), connection.description().getSwDesc(),
        connection.factory().getVersion(), connection.ports().size(), connection.features().getNTables(),
        connection.role().map(Object::toString).orElse("none"), connection.handshakeDuration().toMillis());
    if (connection.roles().writes()) {
      startWriting(connection, connection.roles().term());
    }
    arbiter.connected(connection, connection.roles().granted(),
        role -> connection.onLoop(() -> decided(connection, role)));
  }

  /** The arbiter's decision: the switch is announced when this member starts writing to it, withdrawn when it stops. */
  private void decided(SwitchConnection connection, SwitchRole role) {
    if (switches.get(connection.id()) != connection || !connection.isConnected()) {
      return;
    }
    ConnectionRole roles = connection.roles();
    if (!roles.decide(role)) {
      return;
    }
    log.info("switch {}: this controller is now {} (generation {}, master {})", connection.id(), role.role(),
        role.generationId(), role.master().orElse("unknown"));
    if (role.writes()) {
      startWriting(connection, roles.term());
    } else if (roles.announced()) {
      roles.announced(false);
      tell(l -> l.switchRemoved(connection.id()), "switchRemoved of switch " + connection.id());
    }
  }

  /**
   * Sets the switch up (after the table-miss entry its handshake left out, when it was elected), then
   * announces it, unless it went away or stopped being written meanwhile.
   */
  private void startWriting(SwitchConnection connection, int term) {
    if (arbiter.elects(connection.factory().getVersion())) {
      connection.write(CoreEntries.tableMiss(connection.factory())); // refused: logged by the connection
    }
    setups.setUp(connection).thenRun(() -> connection.onLoop(() -> announce(connection, term)));
  }

  private void announce(SwitchConnection connection, int term) {
    ConnectionRole roles = connection.roles();
    if (switches.get(connection.id()) == connection && roles.writes() && roles.term() == term && !roles.announced()) {
      roles.announced(true);
      tell(l -> l.switchAdded(connection), "switchAdded of switch " + connection.id());
      connection.announced();
    }
  }

  void closed(SwitchConnection connection) {
    if (switches.remove(connection.id(), connection)) {
      log.info("switch {} disconnected: {}", connection.id(), connection.disconnectSummary());
      metrics.forget(connection.id());
      arbiter.disconnected(connection);
      if (connection.roles().writes()) {
        tell(l -> l.switchRemoved(connection.id()), "switchRemoved of switch " + connection.id());
      }
    }
  }

  /** The switch says another controller took MASTER: the arbiter stops this one writing to it. */
  void roleStatus(SwitchConnection connection, RoleStatus status) {
    if (switches.get(connection.id()) == connection && status.role() == OFControllerRole.ROLE_SLAVE) {
      arbiter.demoted(connection, "it made this controller SLAVE: another took MASTER with generation "
          + status.generationId());
    }
  }

  /** Told only while this controller writes to the switch; a slave's ports stay readable (connectedSwitches). */
  void portChanged(SwitchConnection connection, OFPortDesc port, PortChange change) {
    if (connection.roles().writes()) {
      tell(l -> l.portChanged(connection, port, change), "portChanged of switch " + connection.id());
    }
  }
}
