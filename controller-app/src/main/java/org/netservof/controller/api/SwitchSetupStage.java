package org.netservof.controller.api;

/**
 * What a newly connected switch receives, in this order: the one place that says why. Contributors of the same
 * stage run by name. Each contributor's messages go out followed by a barrier, so the switch has applied one
 * stage before it reads the next.
 *
 * <p>Before any stage, the handshake ({@code channel.HandshakeHandler}) has had SET_CONFIG, the table-miss
 * entry and the role request confirmed: a switch is not activated without them. A switch whose master is
 * elected (a cluster member, OpenFlow 1.3+) gets neither at the handshake: the stages run, after the table-miss
 * entry, each time this member becomes its master, as on a connect. After the last stage,
 * {@link SwitchListener#switchAdded} tells the rest of the controller (topology, forwarding, steering's own
 * flows), so nothing they write can be undone by a stage.
 *
 * <ol>
 *   <li>{@link #CLEAN}: what an earlier controller run left in the switch that this run does not own any
 *       more. First, so a clean-up never deletes what a later stage writes. No contributor today: nothing
 *       that is still intended may be deleted on a (re)connect, so steering audits its entries against intent
 *       after the switch is announced instead of wiping them here.
 *   <li>{@link #METERS}: the meters every controller-bound entry goes through (OpenFlow 1.3+), and the
 *       table-miss entry moved behind its meter. Before CAPTURE, whose entries need them.
 *   <li>{@link #CAPTURE}: the entries that bring the controller's own traffic up (LLDP probes, signaling).
 *       Before anything steers or forwards, so discovery and signaling see their frames from the start.
 *   <li>{@link #STATIC}: the operator's static entries, written again. Last, so an operator's entry with
 *       the same match and priority as a controller entry is the one that stays.
 * </ol>
 */
public enum SwitchSetupStage {
  CLEAN,
  METERS,
  CAPTURE,
  STATIC
}
