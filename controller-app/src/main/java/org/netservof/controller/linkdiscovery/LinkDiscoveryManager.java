package org.netservof.controller.linkdiscovery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.netservof.controller.api.Command;
import org.netservof.controller.api.MessageContext;
import org.netservof.controller.api.MessageListener;
import org.netservof.controller.api.OFSwitch;
import org.netservof.controller.api.PortChange;
import org.netservof.controller.api.SwitchListener;
import org.netservof.controller.api.SwitchService;
import org.netservof.controller.api.fabric.LinkAdminService;
import org.netservof.controller.api.fabric.LinkEvent;
import org.netservof.controller.api.fabric.LinkInfo;
import org.netservof.controller.api.fabric.LinkListener;
import org.netservof.controller.api.fabric.LinkRefusal;
import org.netservof.controller.api.fabric.LinkService;
import org.netservof.controller.api.fabric.ProbeCounts;
import org.netservof.controller.api.fabric.ServicePortService;
import org.netservof.controller.util.EventSource;
import org.netservof.policy.fabric.Link;
import org.netservof.policy.fabric.SwitchPort;
import org.netservof.policy.openflow.PacketOuts;
import org.netservof.policy.packet.EthernetFrame;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFPacketIn;
import org.projectfloodlight.openflow.protocol.OFPortDesc;
import org.projectfloodlight.openflow.types.DatapathId;
import org.projectfloodlight.openflow.types.EthType;
import org.projectfloodlight.openflow.types.OFPort;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the links between switches: sends a signed LLDP probe with a one-time id out of every port, and turns
 * each verified probe that comes back up from another switch, once and in time, into a directed link. No link
 * is formed on a port where hosts live (TopoGuard's rule): a probe can reach such a port only through a host.
 * Every LLDP frame that reaches the controller stops here: it is never forwarded to hosts.
 */
final class LinkDiscoveryManager extends EventSource<LinkListener>
    implements LinkService, LinkAdminService, MessageListener, SwitchListener {
  static final String NAME = "link-discovery";
  private static final Logger log = LoggerFactory.getLogger(LinkDiscoveryManager.class);
  private static final EthType BDDP = EthType.of(0x8942);

  private final SwitchService switches;
  private final ServicePortService servicePorts;
  private final LinkDiscoveryConfig config;
  private final Clock clock;
  private final ProbeCodec codec;
  private final PendingProbes pending;
  private final LinkStore store = new LinkStore();
  private final Set<SwitchPort> hostFacing = ConcurrentHashMap.newKeySet();
  private final LongAdder rejected = new LongAdder();
  private final LongAdder replayed = new LongAdder();
  private final LongAdder refused = new LongAdder();
  private final LongAdder probesSent = new LongAdder();

  LinkDiscoveryManager(SwitchService switches, ServicePortService servicePorts, LinkDiscoveryConfig config,
      Clock clock, byte[] secret, Random ids) {
    this.switches = switches;
    this.servicePorts = servicePorts;
    this.config = config;
    this.clock = clock;
    this.codec = new ProbeCodec(secret);
    this.pending = new PendingProbes(ids);
  }

  // ---- LinkService ----

  @Override
  public Set<Link> links() {
    return store.links();
  }

  @Override
  public Map<Link, LinkInfo> linkInfo() {
    return store.info();
  }

  @Override
  public boolean isLinkPort(SwitchPort port) {
    return store.isLinkPort(port);
  }

  @Override
  public long rejectedProbes() {
    return rejected.sum();
  }

  @Override
  public ProbeCounts probeCounts() {
    return new ProbeCounts(probesSent.sum(), rejected.sum(), replayed.sum(), refused.sum());
  }

  // ---- LinkAdminService ----

  @Override
  public void setHostFacing(SwitchPort port, boolean faces) {
    if (faces) {
      hostFacing.add(port);
    } else {
      hostFacing.remove(port);
    }
  }

  // ---- MessageListener: LLDP PacketIns ----

  @Override
  public Command receive(OFSwitch sw, OFMessage message, MessageContext context) {
    EthernetFrame frame = context.frame().orElse(null);
    if (frame == null) {
      return Command.CONTINUE;
    }
    if (frame.etherType().equals(BDDP)) {
      return Command.STOP;
    }
    if (frame.etherType().getValue() != ProbeCodec.ETH_TYPE_LLDP) {
      return Command.CONTINUE;
    }
    OFPort inPort = context.inPort().orElseThrow();
    if (servicePorts.isServicePort(new SwitchPort(sw.id(), inPort))) {
      return Command.STOP; // a node's port leads to no switch; whatever LLDP comes from there is not a link
    }
    try {
      accept(new SwitchPort(sw.id(), inPort), ((OFPacketIn) message).getData(), frame.payloadOffset());
    } catch (PendingProbes.Replayed e) {
      replayed.increment();
      rejected.increment();
      log.debug("switch {} port {}: LLDP ignored: {}", sw.id(), inPort, e.getMessage());
    } catch (ProbeCodec.Rejected e) {
      rejected.increment();
      log.debug("switch {} port {}: LLDP ignored: {}", sw.id(), inPort, e.getMessage());
    }
    return Command.STOP;
  }

  /** A probe of ours arrived at {@code to}: a link, if it came by cable. */
  private void accept(SwitchPort to, byte[] data, int payloadOffset) throws ProbeCodec.Rejected {
    Instant now = clock.instant();
    ProbeCodec.Probe probe = codec.decode(data, payloadOffset);
    PendingProbes.Sent sent = pending.redeem(probe, now, config.maxRoundTrip());
    SwitchPort from = sent.from();
    if (switches.getSwitch(from.dpid()).flatMap(s -> s.port(from.port())).isEmpty()) {
      throw new ProbeCodec.Rejected("probe names " + from + ", which is no longer a connected switch's port");
    }
    if (from.equals(to)) {
      throw new ProbeCodec.Rejected("probe came back to the port it left by: a device there reflects frames");
    }
    Link link = new Link(from, to);
    refuseThroughHosts(link);
    notifyListeners(store.observe(link, now, Duration.between(sent.at(), now)));
  }

  /** TopoGuard's rule: a link with an end where hosts live was made by a host passing probes on. */
  private void refuseThroughHosts(Link link) throws ProbeCodec.Rejected {
    SwitchPort hostPort = hostFacing.contains(link.dst()) ? link.dst()
        : hostFacing.contains(link.src()) ? link.src() : null;
    if (hostPort == null) {
      return;
    }
    refused.increment();
    LinkRefusal refusal = new LinkRefusal(link, hostPort, "probe from " + link.src() + " arrived at " + link.dst()
        + "; hosts live on " + hostPort + ", so a host carried it");
    log.warn("switch {} port {}: no link {}: {}", hostPort.dpid(), hostPort.port().getPortNumber(), link,
        refusal.reason());
    tell(l -> l.linkRefused(refusal), "link refused at " + hostPort);
    throw new ProbeCodec.Rejected("link " + link + " refused: " + hostPort + " faces hosts");
  }

  // ---- SwitchListener ----

  /** A new switch: its capture entry went out first (the setup), so probe the fabric now for links toward it. */
  @Override
  public void switchAdded(OFSwitch sw) {
    probeAll();
  }

  @Override
  public void switchRemoved(DatapathId id) {
    hostFacing.removeIf(p -> p.dpid().equals(id));
    notifyListeners(store.removeSwitch(id, "switch " + id + " disconnected"));
  }

  @Override
  public void portChanged(OFSwitch sw, OFPortDesc port, PortChange change) {
    SwitchPort where = new SwitchPort(sw.id(), port.getPortNo());
    switch (change) {
      case DOWN, REMOVED -> {
        hostFacing.remove(where); // unplugged: what is plugged in next may be a switch
        notifyListeners(store.removePort(where, "port " + where + " " + change));
      }
      case UP, ADDED -> probe(sw, port, clock.instant());
      default -> { }
    }
  }

  // ---- timer work, called by the module's scheduler ----

  /** Probes every usable port of every switch. */
  void probeAll() {
    Instant now = clock.instant();
    pending.forgetBefore(now.minus(config.linkTimeout()));
    for (OFSwitch sw : switches.switches()) {
      List<OFMessage> probes = new ArrayList<>();
      for (OFPortDesc port : sw.ports()) {
        if (isProbeable(sw, port)) {
          probes.add(probeFor(sw, port, now));
        }
      }
      sw.write(probes);
      probesSent.add(probes.size());
    }
  }

  /** Removes links whose probes stopped arriving. */
  void expire() {
    notifyListeners(store.expire(clock.instant(), config.linkTimeout()));
  }

  /** Probes sent whose id could still be believed. */
  int pendingProbes() {
    return pending.size();
  }

  private void probe(OFSwitch sw, OFPortDesc port, Instant now) {
    if (isProbeable(sw, port)) {
      sw.write(probeFor(sw, port, now));
      probesSent.increment();
    }
  }

  private OFMessage probeFor(OFSwitch sw, OFPortDesc port, Instant now) {
    OFFactory f = sw.factory();
    long id = pending.issue(new SwitchPort(sw.id(), port.getPortNo()), now);
    byte[] frame = codec.encode(sw.id(), port.getPortNo(), port.getHwAddr(), id);
    return PacketOuts.send(f, frame, List.of(f.actions().output(port.getPortNo(), 0)));
  }

  private boolean isProbeable(OFSwitch sw, OFPortDesc port) {
    int number = port.getPortNo().getPortNumber();
    // Physical ports only (not LOCAL or the reserved ports), only usable ones, and never a node's port.
    return number > 0 && Integer.compareUnsigned(number, OFPort.MAX.getPortNumber()) <= 0
        && sw.isPortUp(port.getPortNo()) && !servicePorts.isServicePort(new SwitchPort(sw.id(), port.getPortNo()));
  }

  private void notifyListeners(List<LinkEvent> events) {
    if (events.isEmpty()) {
      return;
    }
    for (LinkEvent e : events) {
      log.info("link {} {} ({})", e.link(), e.type() == LinkEvent.Type.ADDED ? "added" : "removed", e.reason());
    }
    tell(l -> l.linksChanged(events), events.size() + " link change(s)");
  }
}
