package org.netservof.controller.core;

import io.netty.channel.Channel;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.netservof.controller.api.OFSwitch;
import org.netservof.controller.api.PortChange;
import org.netservof.controller.api.SwitchListener;
import org.netservof.controller.api.SwitchRefusal;
import org.netservof.controller.api.SwitchService;
import org.netservof.controller.api.SwitchSetupService;
import org.netservof.controller.channel.FloodProtection;
import org.netservof.controller.channel.HandshakeResult;
import org.netservof.controller.channel.OpenFlowConfig;
import org.netservof.controller.channel.SwitchActivator;
import org.netservof.controller.channel.SwitchSession;
import org.netservof.controller.util.EventSource;
import org.projectfloodlight.openflow.protocol.OFPortDesc;
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
  private final SwitchSetups setups = new SwitchSetups(this::switches);

  public SwitchManager(OpenFlowConfig config, MessageDispatcher dispatcher, Clock clock) {
    this(config, FloodProtection.DEFAULTS, dispatcher, clock);
  }

  public SwitchManager(OpenFlowConfig config, FloodProtection limits, MessageDispatcher dispatcher, Clock clock) {
    this.config = config;
    this.limits = limits;
    this.dispatcher = dispatcher;
    this.clock = clock;
  }

  /** Who contributes to what a connecting switch receives. */
  public SwitchSetupService setups() {
    return setups;
  }

  @Override
  public Collection<OFSwitch> switches() {
    return List.copyOf(switches.values());
  }

  @Override
  public Optional<OFSwitch> getSwitch(DatapathId id) {
    return Optional.ofNullable(switches.get(id));
  }

  @Override
  public SwitchSession activate(Channel channel, HandshakeResult handshake) {
    SwitchConnection connection = new SwitchConnection(channel, handshake, config, limits,
        clock.instant().minus(handshake.duration()), this, dispatcher);
    SwitchConnection live = switches.get(connection.id());
    if (live == null || !live.isConnected()) {
      admit(connection);
      return connection;
    }
    connection.hold();
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
        admit(connection);
      }
    });
    return connection;
  }

  /** Tells the listeners a connection was refused as a switch (by the channel's admission or a takeover check). */
  public void refused(SwitchRefusal refusal) {
    tell(l -> l.switchRefused(refusal), "switchRefused from " + refusal.remote());
  }

  /** Registers the connection (closing one it replaces), sets the switch up, then announces it. */
  private void admit(SwitchConnection connection) {
    DatapathId id = connection.id();
    SwitchConnection old = switches.put(id, connection);
    if (old != null && old != connection) {
      log.warn("switch {} connected again from {}; closing its old connection from {}", id,
          connection.remoteAddress(), old.remoteAddress());
      old.disconnect();
      tell(l -> l.switchRemoved(id), "switchRemoved of switch " + id);
    }
    connection.admit();
    log.info("switch {} connected from {}: {} {} {}, {} ports, {} tables, role {}, handshake {} ms", id,
        connection.remoteAddress(), connection.description().getHwDesc(), connection.description().getSwDesc(),
        connection.factory().getVersion(), connection.ports().size(), connection.features().getNTables(),
        connection.role().map(Object::toString).orElse("none"), connection.handshakeDuration().toMillis());
    setups.setUp(connection).thenRun(() -> announce(connection));
  }

  /** Tells the listeners, unless the switch went away while it was being set up. */
  private void announce(SwitchConnection connection) {
    if (switches.get(connection.id()) == connection) {
      tell(l -> l.switchAdded(connection), "switchAdded of switch " + connection.id());
    }
  }

  void closed(SwitchConnection connection) {
    if (switches.remove(connection.id(), connection)) {
      log.info("switch {} disconnected (in {} messages, out {}, errors {}, PacketIns over budget {})",
          connection.id(), connection.messagesIn(), connection.messagesOut(), connection.errorsIn(),
          connection.packetInsOverBudget());
      tell(l -> l.switchRemoved(connection.id()), "switchRemoved of switch " + connection.id());
    }
  }

  void portChanged(SwitchConnection connection, OFPortDesc port, PortChange change) {
    tell(l -> l.portChanged(connection, port, change), "portChanged of switch " + connection.id());
  }
}
