package org.netservof.controller.hosts;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import org.netservof.controller.api.fabric.Host;
import org.netservof.controller.util.MacKeys;
import org.netservof.policy.fabric.SwitchPort;

/**
 * The ports where hosts live: a port counts while a host that was first learnt there, and has claimed an
 * address there by ARP, is still there. Weaker evidence does not count, because before discovery has
 * confirmed a link, frames cross it and make their senders seem to live on its port: a host whose own port
 * was still in quarantine seems first learnt on the link's port (and moves away, so the port is freed, when
 * it is next seen at home), and a bridge's internal port, which never appears at an edge port, sends IPv6
 * neighbour discovery but no ARP. Not thread-safe: used under {@link HostStore}'s lock.
 */
final class HostPorts {
  /** By {@link MacKeys}, as the anchored hosts. */
  private final Map<Long, SwitchPort> firstSeenAt = new HashMap<>();
  private final Set<Long> anchored = new HashSet<>();
  private final Map<SwitchPort, Integer> count = new HashMap<>();

  /** A new host, at its first port. */
  void added(Host h) {
    firstSeenAt.put(MacKeys.of(h.mac()), h.attachment());
  }

  /** The host as it is now: it anchors its port once it is at its first port with an address. */
  void seen(Host h, BiConsumer<SwitchPort, Boolean> hostFacing) {
    Long key = MacKeys.of(h.mac());
    if (h.ipv4().isEmpty() || anchored.contains(key) || !h.attachment().equals(firstSeenAt.get(key))) {
      return;
    }
    anchored.add(key);
    if (count.merge(h.attachment(), 1, Integer::sum) == 1) {
      hostFacing.accept(h.attachment(), true);
    }
  }

  /** The host left the port it was at (moved, or forgotten): it anchors nothing from now on. */
  void left(Host h, BiConsumer<SwitchPort, Boolean> hostFacing) {
    Long key = MacKeys.of(h.mac());
    SwitchPort first = firstSeenAt.remove(key);
    if (!anchored.remove(key)) {
      return;
    }
    if (count.merge(first, -1, Integer::sum) == 0) {
      count.remove(first);
      hostFacing.accept(first, false);
    }
  }
}
