package org.netservof.controller.api.cluster;

/** Told when this member's role for a switch changes (won or lost an election, a switch refused a role). */
@FunctionalInterface
public interface MastershipListener {
  void roleChanged(SwitchRole role);
}
