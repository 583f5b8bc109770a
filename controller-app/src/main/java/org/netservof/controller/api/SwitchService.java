package org.netservof.controller.api;

import java.util.Collection;
import java.util.Optional;
import org.projectfloodlight.openflow.types.DatapathId;

/** The switches connected to this controller, and their events. */
public interface SwitchService {

  /** Switches that completed the handshake and are connected, in no particular order. */
  Collection<OFSwitch> switches();

  Optional<OFSwitch> getSwitch(DatapathId id);

  /** Adds a listener; it is not told about switches already connected (read {@link #switches()}). */
  void addListener(SwitchListener listener);

  void removeListener(SwitchListener listener);
}
