package org.netservof.controller.hosts;

import java.util.HashMap;
import java.util.Map;
import java.util.function.BiConsumer;
import org.netservof.controller.api.fabric.Host;
import org.netservof.policy.fabric.SwitchPort;
import org.projectfloodlight.openflow.types.MacAddress;

/**
 * The ports where hosts live: a port counts while a host that was first learnt there is still there. Only a
 * first sighting counts, not a move: frames that cross a link before discovery has confirmed it make hosts
 * seem to move onto the link's port, and that must not keep the link from forming. Not thread-safe: used
 * under {@link HostStore}'s lock.
 */
final class HostPorts {
  private final Map<MacAddress, SwitchPort> firstSeenAt = new HashMap<>();
  private final Map<SwitchPort, Integer> count = new HashMap<>();

  /** A new host at its first port. */
  void learnt(Host h, BiConsumer<SwitchPort, Boolean> hostFacing) {
    firstSeenAt.put(h.mac(), h.attachment());
    if (count.merge(h.attachment(), 1, Integer::sum) == 1) {
      hostFacing.accept(h.attachment(), true);
    }
  }

  /** The host left the port it was at (moved, or forgotten). */
  void left(Host h, BiConsumer<SwitchPort, Boolean> hostFacing) {
    SwitchPort first = firstSeenAt.remove(h.mac());
    if (first == null || !first.equals(h.attachment())) {
      return;
    }
    if (count.merge(first, -1, Integer::sum) == 0) {
      count.remove(first);
      hostFacing.accept(first, false);
    }
  }
}
