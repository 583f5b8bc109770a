package org.netservof.controller.topology;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.netservof.controller.api.OFSwitch;
import org.netservof.controller.api.PortChange;
import org.netservof.controller.api.SwitchListener;
import org.netservof.controller.api.SwitchService;
import org.netservof.controller.api.fabric.LinkEvent;
import org.netservof.controller.api.fabric.LinkListener;
import org.netservof.controller.api.fabric.LinkService;
import org.netservof.controller.api.fabric.ServicePortService;
import org.netservof.controller.api.fabric.Topology;
import org.netservof.controller.api.fabric.TopologyListener;
import org.netservof.controller.api.fabric.TopologyService;
import org.netservof.controller.util.EventSource;
import org.netservof.policy.fabric.Link;
import org.netservof.policy.fabric.SwitchPort;
import org.projectfloodlight.openflow.protocol.OFPortDesc;
import org.projectfloodlight.openflow.types.DatapathId;
import org.projectfloodlight.openflow.types.OFPort;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the topology snapshot current: rebuilt whenever a switch, a port or a link changes, and when a
 * new port's quarantine ends. Rebuilds are serialised, so listeners see changes in order. In a cluster the
 * switch service announces only the switches this member masters; the others are in the topology through the
 * links every member shares (their link ports, no edge ports: their hosts are their masters' business).
 */
final class TopologyManager extends EventSource<TopologyListener>
    implements TopologyService, LinkListener, SwitchListener {
  private static final Logger log = LoggerFactory.getLogger(TopologyManager.class);
  private final SwitchService switches;
  private final LinkService links;
  private final ServicePortService servicePorts;
  private final TopologyConfig config;
  private final Map<SwitchPort, Long> weights;
  private final Clock clock;
  private final ScheduledExecutorService timer;
  private final Map<SwitchPort, Instant> usableSince = new ConcurrentHashMap<>();
  private volatile TopologyGraph current;
  private final boolean clustered;

  TopologyManager(SwitchService switches, LinkService links, ServicePortService servicePorts, TopologyConfig config,
      Clock clock, ScheduledExecutorService timer, boolean clustered) {
    this.clustered = clustered;
    this.switches = switches;
    this.links = links;
    this.servicePorts = servicePorts;
    this.config = config;
    this.weights = config.weightsByPort();
    this.clock = clock;
    this.timer = timer;
    this.current = new TopologyGraph(clock.instant(), Map.of(), Set.of(), Set.of(), Set.of(), weights,
        config.maxPaths());
  }

  @Override
  public Topology current() {
    return current;
  }

  @Override
  public void linksChanged(List<LinkEvent> events) {
    recompute();
  }

  @Override
  public void switchAdded(OFSwitch sw) {
    Instant now = clock.instant();
    for (OFPortDesc port : sw.ports()) {
      usableSince.put(new SwitchPort(sw.id(), port.getPortNo()), now);
    }
    recompute();
  }

  @Override
  public void switchRemoved(DatapathId id) {
    usableSince.keySet().removeIf(p -> p.dpid().equals(id));
    recompute();
  }

  @Override
  public void portChanged(OFSwitch sw, OFPortDesc port, PortChange change) {
    SwitchPort where = new SwitchPort(sw.id(), port.getPortNo());
    switch (change) {
      case UP, ADDED -> usableSince.put(where, clock.instant());
      case DOWN, REMOVED -> usableSince.remove(where);
      default -> {
        return;
      }
    }
    recompute();
  }

  /** Rebuilds the snapshot from the switches and links as they are now. */
  synchronized void recompute() {
    Instant now = clock.instant();
    Map<DatapathId, Set<SwitchPort>> ports = new HashMap<>();
    Set<SwitchPort> quarantined = new HashSet<>();
    Instant nextRelease = null;
    for (OFSwitch sw : switches.switches()) {
      Set<SwitchPort> usable = new HashSet<>();
      for (OFPortDesc port : sw.ports()) {
        if (isPhysical(port.getPortNo()) && sw.isPortUp(port.getPortNo())) {
          SwitchPort p = new SwitchPort(sw.id(), port.getPortNo());
          usable.add(p);
          Instant release = usableSince.getOrDefault(p, Instant.MIN).plus(config.quarantine());
          if (release.isAfter(now)) {
            quarantined.add(p);
            nextRelease = nextRelease == null || release.isBefore(nextRelease) ? release : nextRelease;
          }
        }
      }
      ports.put(sw.id(), usable);
    }
    Set<Link> known = links.links();
    if (clustered) {
      addOthersSwitches(ports, known);
    }
    TopologyGraph next = new TopologyGraph(now, ports, known, quarantined, servicePorts.servicePorts(),
        weights, config.maxPaths());
    TopologyGraph previous = current;
    current = next;
    if (nextRelease != null) {
      timer.schedule(this::recompute, Duration.between(now, nextRelease).toMillis() + 1, TimeUnit.MILLISECONDS);
    }
    if (!next.sameShape(previous)) {
      log.debug("topology changed: {}", next);
      tell(l -> l.topologyChanged(previous, next), "a topology change");
    }
  }

  /** The switches other members master, known by the ends of the links shared with them. */
  private static void addOthersSwitches(Map<DatapathId, Set<SwitchPort>> ports, Set<Link> known) {
    Map<DatapathId, Set<SwitchPort>> others = new HashMap<>();
    for (Link link : known) {
      for (SwitchPort end : List.of(link.src(), link.dst())) {
        if (!ports.containsKey(end.dpid())) {
          others.computeIfAbsent(end.dpid(), d -> new HashSet<>()).add(end);
        }
      }
    }
    ports.putAll(others);
  }

  private static boolean isPhysical(OFPort port) {
    int n = port.getPortNumber();
    return n > 0 && Integer.compareUnsigned(n, OFPort.MAX.getPortNumber()) <= 0;
  }
}
