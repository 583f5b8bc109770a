package org.netservof.controller.api.cluster;

import java.util.Collection;
import java.util.Optional;
import org.netservof.controller.api.ListenerService;
import org.projectfloodlight.openflow.types.DatapathId;

/**
 * Which member masters each switch connected to this one. Only the master of a switch writes to it and
 * handles its PacketIns; the switch services ({@link org.netservof.controller.api.SwitchService}) announce a
 * switch to the application only while this member may write to it.
 */
public interface MastershipService extends ListenerService<MastershipListener> {

  /** This member's role for a connected switch; empty when the switch is not connected here. */
  Optional<SwitchRole> role(DatapathId dpid);

  /** The roles of every switch connected to this member. */
  Collection<SwitchRole> roles();
}
