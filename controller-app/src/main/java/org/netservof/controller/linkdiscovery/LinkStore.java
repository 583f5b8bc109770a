package org.netservof.controller.linkdiscovery;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.netservof.controller.api.fabric.LinkEvent;
import org.netservof.controller.api.fabric.LinkInfo;
import org.netservof.policy.fabric.Link;
import org.netservof.policy.fabric.SwitchPort;
import org.projectfloodlight.openflow.types.DatapathId;

/** The live links and when each was last confirmed; time is passed in. Thread-safe. */
final class LinkStore {
  private final Map<Link, LinkInfo> links = new HashMap<>();

  /** A verified probe crossed {@code link}: refresh it, or add it (and say what it replaced). */
  synchronized List<LinkEvent> observe(Link link, Instant now, Duration latency) {
    LinkInfo before = links.get(link);
    if (before != null) {
      links.put(link, new LinkInfo(link, before.firstSeen(), now, latency));
      return List.of();
    }
    // A cable joins two ports: a link from a new source to this port, or from this port to a new
    // destination, replaces the old one (the cable was moved).
    List<LinkEvent> events = new ArrayList<>();
    removeIf(l -> l.dst().equals(link.dst()) || l.src().equals(link.src()), "replaced by " + link, events);
    links.put(link, new LinkInfo(link, now, now, latency));
    events.add(new LinkEvent(LinkEvent.Type.ADDED, link, "probe verified"));
    return events;
  }

  /** Links whose last probe is older than {@code timeout}. */
  synchronized List<LinkEvent> expire(Instant now, Duration timeout) {
    List<LinkEvent> events = new ArrayList<>();
    Instant oldest = now.minus(timeout);
    removeIf(l -> links.get(l).lastSeen().isBefore(oldest), "no probe for " + timeout.toMillis() + " ms", events);
    return events;
  }

  synchronized List<LinkEvent> remove(Link link, String reason) {
    List<LinkEvent> events = new ArrayList<>();
    removeIf(link::equals, reason, events);
    return events;
  }

  synchronized List<LinkEvent> removePort(SwitchPort port, String reason) {
    List<LinkEvent> events = new ArrayList<>();
    removeIf(l -> l.touches(port), reason, events);
    return events;
  }

  synchronized List<LinkEvent> removeSwitch(DatapathId dpid, String reason) {
    List<LinkEvent> events = new ArrayList<>();
    removeIf(l -> l.src().dpid().equals(dpid) || l.dst().dpid().equals(dpid), reason, events);
    return events;
  }

  synchronized Set<Link> links() {
    return Set.copyOf(links.keySet());
  }

  synchronized Map<Link, LinkInfo> info() {
    return Map.copyOf(links);
  }

  synchronized boolean isLinkPort(SwitchPort port) {
    return links.keySet().stream().anyMatch(l -> l.touches(port));
  }

  private void removeIf(Predicate<Link> doomed, String reason, List<LinkEvent> events) {
    List<Link> gone = links.keySet().stream().filter(doomed).sorted().toList();
    for (Link link : gone) {
      links.remove(link);
      events.add(new LinkEvent(LinkEvent.Type.REMOVED, link, reason));
    }
  }
}
