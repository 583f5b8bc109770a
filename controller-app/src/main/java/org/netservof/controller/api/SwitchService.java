package org.netservof.controller.api;

import java.util.Collection;
import java.util.Optional;
import org.projectfloodlight.openflow.types.DatapathId;

/**
 * The switches connected to this controller, and their events. A listener added is not told about switches
 * already connected (read {@link #switches()}).
 */
public interface SwitchService extends ListenerService<SwitchListener> {

  /**
   * Switches that completed the handshake, are connected, and that this controller writes to, in no
   * particular order. In a cluster, only the switches this member masters: the others' master writes to them.
   */
  Collection<OFSwitch> switches();

  /**
   * Every connected switch, including those another cluster member masters: for reading (ports, role,
   * statistics); writes to a switch this member does not master are dropped. Alone, the same as
   * {@link #switches()}.
   */
  default Collection<OFSwitch> connectedSwitches() {
    return switches();
  }

  /** The switch, if connected here in any role (for reading: ports, description, factory). */
  default Optional<OFSwitch> connectedSwitch(DatapathId id) {
    return connectedSwitches().stream().filter(sw -> sw.id().equals(id)).findFirst();
  }

  /** The switch, if connected; the default searches {@link #switches()}. */
  default Optional<OFSwitch> getSwitch(DatapathId id) {
    return switches().stream().filter(sw -> sw.id().equals(id)).findFirst();
  }
}
