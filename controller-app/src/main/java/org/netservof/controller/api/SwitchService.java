package org.netservof.controller.api;

import java.util.Collection;
import java.util.Optional;
import org.projectfloodlight.openflow.types.DatapathId;

/**
 * The switches connected to this controller, and their events. A listener added is not told about switches
 * already connected (read {@link #switches()}).
 */
public interface SwitchService extends ListenerService<SwitchListener> {

  /** Switches that completed the handshake and are connected, in no particular order. */
  Collection<OFSwitch> switches();

  /** The switch, if connected; the default searches {@link #switches()}. */
  default Optional<OFSwitch> getSwitch(DatapathId id) {
    return switches().stream().filter(sw -> sw.id().equals(id)).findFirst();
  }
}
