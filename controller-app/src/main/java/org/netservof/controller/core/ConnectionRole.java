package org.netservof.controller.core;

import java.util.Optional;
import org.netservof.controller.api.cluster.SwitchRole;
import org.projectfloodlight.openflow.protocol.OFControllerRole;

/**
 * A connection's role as the arbiter decided it, and whether the application has been told about the switch.
 * The role is read from any thread; {@link #term} and {@link #announced} change only on the connection's event
 * loop.
 */
final class ConnectionRole {
  private final Optional<OFControllerRole> granted;
  private volatile SwitchRole decided;
  /** Bumped whenever the connection starts or stops being written, so a setup of an earlier term announces nothing. */
  private int term;
  private boolean announced;

  /** @param granted the role granted at the handshake; {@code initial} the role until the arbiter decides */
  ConnectionRole(Optional<OFControllerRole> granted, SwitchRole initial) {
    this.granted = granted;
    this.decided = initial;
  }

  Optional<OFControllerRole> granted() {
    return granted;
  }

  /** Whether this controller may write to the switch now. */
  boolean writes() {
    return decided.writes();
  }

  SwitchRole decided() {
    return decided;
  }

  /**
   * Takes the arbiter's decision; returns whether writing started or stopped with it (the term changed).
   * Event loop only.
   */
  boolean decide(SwitchRole role) {
    boolean changed = role.writes() != decided.writes();
    decided = role;
    if (changed) {
      term++;
    }
    return changed;
  }

  /** Why a write was not made: for logs and the writer's failed future. */
  String notMaster(org.projectfloodlight.openflow.types.DatapathId id) {
    return "switch " + id + ": this controller is " + decided.role() + " for it (master: "
        + decided.master().orElse("unknown") + "); only the master writes";
  }

  int term() {
    return term;
  }

  boolean announced() {
    return announced;
  }

  void announced(boolean told) {
    announced = told;
  }

  /**
   * The role as the switch knows it: the elected one (MASTER or SLAVE); with no election (EQUAL), what the
   * handshake's role request was granted, if it asked.
   */
  Optional<OFControllerRole> openFlowRole() {
    return switch (decided.role()) {
      case MASTER -> Optional.of(OFControllerRole.ROLE_MASTER);
      case SLAVE -> Optional.of(OFControllerRole.ROLE_SLAVE);
      case EQUAL -> granted;
    };
  }
}
