package org.netservof.controller.hosts;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import org.netservof.controller.api.fabric.Host;
import org.netservof.policy.fabric.SwitchPort;
import org.projectfloodlight.openflow.types.MacAddress;

/**
 * The ports where hosts live: a port counts while a host that was first learnt there, and has claimed an
 * address there by ARP, is still there. Weaker evidence does not count, because before discovery has
 * confirmed a link, frames cross it and make their senders seem to live on its port: a host whose own port
 * was still in quarantine seems first learnt on the link's port (and moves away, so the port is freed, when
 * it is next seen at home), and a bridge's internal port, which never appears at an edge port, sends IPv6
 * neighbour discovery but no ARP. Not thread-safe: used under {@link HostStore}'s lock.
 */
final class HostPorts {
  private final Map<MacAddress, SwitchPort> firstSeenAt = new HashMap<>();
  private final Set<MacAddress> anchored = new HashSet<>();
  private final Map<SwitchPort, Integer> count = new HashMap<>();

  /** A new host, at its first port. */
  void added(Host h) {
    firstSeenAt.put(h.mac(), h.attachment());
  }

  /** The host as it is now: it anchors its port once it is at its first port with an address. */
  void seen(Host h, BiConsumer<SwitchPort, Boolean> hostFacing) {
    if (h.ipv4().isEmpty() || anchored.contains(h.mac()) || !h.attachment().equals(firstSeenAt.get(h.mac()))) {
      return;
    }
    anchored.add(h.mac());
    if (count.merge(h.attachment(), 1, Integer::sum) == 1) {
      hostFacing.accept(h.attachment(), true);
    }
  }

  /** The host left the port it was at (moved, or forgotten): it anchors nothing from now on. */
  void left(Host h, BiConsumer<SwitchPort, Boolean> hostFacing) {
    SwitchPort first = firstSeenAt.remove(h.mac());
    if (!anchored.remove(h.mac())) {
      return;
    }
    if (count.merge(first, -1, Integer::sum) == 0) {
      count.remove(first);
      hostFacing.accept(first, false);
    }
  }
}
