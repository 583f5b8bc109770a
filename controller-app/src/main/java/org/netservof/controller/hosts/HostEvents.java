package org.netservof.controller.hosts;

import java.util.Optional;
import org.netservof.controller.api.fabric.Host;
import org.netservof.controller.api.fabric.HostEvent;

/** The event between two states of a host, as a member that did not learn it sees them. */
final class HostEvents {
  private HostEvents() {}

  /** Empty when nothing a listener cares about changed (a lease renewed). */
  static Optional<HostEvent> between(Optional<Host> before, Optional<Host> after) {
    if (after.isEmpty()) {
      return before.map(b -> new HostEvent(HostEvent.Type.REMOVED, before, b));
    }
    Host a = after.get();
    if (before.isEmpty()) {
      return Optional.of(new HostEvent(HostEvent.Type.ADDED, Optional.empty(), a));
    }
    Host b = before.get();
    if (!b.attachment().equals(a.attachment())) {
      return Optional.of(new HostEvent(HostEvent.Type.MOVED, before, a));
    }
    return b.ipv4().equals(a.ipv4()) ? Optional.empty()
        : Optional.of(new HostEvent(HostEvent.Type.UPDATED, before, a));
  }
}
