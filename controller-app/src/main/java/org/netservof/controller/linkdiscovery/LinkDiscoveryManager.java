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
import java.util.concurrent.Executor;
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
import org.netservof.controller.api.store.StoreEvent;
import org.netservof.controller.api.store.StoreListener;
import org.netservof.controller.util.EventSource;
import org.netservof.controller.util.RepeatedFailures;
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
import org.slf4j.event.Level;

/**
 * Finds the links between switches: sends a signed LLDP probe with a one-time id out of every port, and turns
 * each verified probe that comes back up from another switch, once and in time, into a directed link. No link
 * is formed on a port where hosts live (TopoGuard's rule): a probe can reach such a port only through a host.
 * Every LLDP frame that reaches the controller stops here: it is never forwarded to hosts.
 *
 * <p>In a cluster a probe often comes up at a switch another member masters. That member cannot verify it
 * (the key is this process's) and hands it back as a {@link ProbeReceipt} through the shared store; the
 * sender verifies it exactly as its own PacketIn, so a receipt can make no link the sender would refuse.
 * Every verified link, local ones included, is published in the links store with the link timeout as its
 * lease, and every member's view is what that store's events say: one path, alone (a store in memory) or
 * in a cluster (the shared store).
 */
final class LinkDiscoveryManager extends EventSource<LinkListener>
    implements LinkService, LinkAdminService, MessageListener, SwitchListener {
  static final String NAME = "link-discovery";
  private static final Logger log = LoggerFactory.getLogger(LinkDiscoveryManager.class);
  /** A host replaying probes at line rate is one line per port and interval; the refusals are counted. */
  private final RepeatedFailures refusalLog = RepeatedFailures.of(log, Level.WARN);
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
  private final LinkExchange exchange;
  private final Executor receiptWork;
  private final StoreListener<String, SharedLink> linkListener = this::sharedLinkChanged;
  private final StoreListener<String, ProbeReceipt> receiptListener = this::receiptPosted;

  /** One controller alone: links go through a store in this process's memory. */
  LinkDiscoveryManager(SwitchService switches, ServicePortService servicePorts, LinkDiscoveryConfig config,
      Clock clock, byte[] secret, Random ids) {
    this(switches, servicePorts, config, clock, secret, ids, LinkExchange.alone(), Runnable::run);
  }

  /**
   * A member that shares links through {@code exchange}; receipts are verified on {@code receiptWork}, since a
   * store listener must not block and verifying ends in a write to the store.
   */
  LinkDiscoveryManager(SwitchService switches, ServicePortService servicePorts, LinkDiscoveryConfig config,
      Clock clock, byte[] secret, Random ids, LinkExchange exchange, Executor receiptWork) {
    this.switches = switches;
    this.servicePorts = servicePorts;
    this.config = config;
    this.clock = clock;
    this.codec = new ProbeCodec(secret);
    this.pending = new PendingProbes(ids);
    this.exchange = exchange;
    this.receiptWork = receiptWork;
    exchange.current().forEach(l -> merge(l.link(), l.latencyMicros()));
    exchange.listen(linkListener, receiptListener);
  }

  /** Stops merging the shared links and receipts. */
  void close() {
    exchange.unlisten(linkListener, receiptListener);
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
    SwitchPort at = new SwitchPort(sw.id(), inPort);
    byte[] data = ((OFPacketIn) message).getData();
    try {
      accept(at, data, frame.payloadOffset(), false);
    } catch (ProbeCodec.Foreign e) {
      handOn(at, data, frame.payloadOffset(), e);
    } catch (ProbeCodec.Rejected e) {
      countRejection(at, e);
    }
    return Command.STOP;
  }

  /**
   * A probe of ours arrived at {@code to} (seen here, or handed on by the member that mastered {@code to}): a
   * link, if it came by cable. Published in the links store; this member's view follows the store's events.
   */
  private void accept(SwitchPort to, byte[] data, int payloadOffset, boolean toFacesHosts)
      throws ProbeCodec.Rejected {
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
    if (servicePorts.isServicePort(to)) {
      throw new ProbeCodec.Rejected("probe arrived at " + to + ", a service node's port: no switch is there");
    }
    Link link = new Link(from, to);
    refuseThroughHosts(link, toFacesHosts);
    exchange.publish(link, Duration.between(sent.at(), now), now.plus(config.linkTimeout()));
  }

  /** Another controller's probe: in a cluster, its sender (another member) verifies it; alone, it is refused. */
  private void handOn(SwitchPort at, byte[] data, int payloadOffset, ProbeCodec.Foreign e) {
    if (!exchange.shared()) {
      countRejection(at, e);
      return;
    }
    exchange.postReceipt(data, payloadOffset, at, hostFacing.contains(at), clock.instant()
        .plus(config.maxRoundTrip()));
    log.debug("switch {} port {}: probe signed by another member handed on to it", at.dpid(), at.port());
  }

  private void countRejection(SwitchPort at, ProbeCodec.Rejected e) {
    if (e instanceof PendingProbes.Replayed) {
      replayed.increment();
    }
    rejected.increment();
    log.debug("switch {} port {}: LLDP ignored: {}", at.dpid(), at.port(), e.getMessage());
  }

  /** Another member handed on a probe: if this member signed it, verify it as a PacketIn of its own. */
  private void receiptPosted(StoreEvent<String, ProbeReceipt> event) {
    ProbeReceipt receipt = event.after().orElse(null);
    if (receipt == null || receipt.receiver().equals(exchange.self())) {
      return;
    }
    receiptWork.execute(() -> {
      try {
        accept(receipt.to(), receipt.frame(), receipt.payloadOffset(), receipt.toFacesHosts());
      } catch (ProbeCodec.Foreign e) {
        log.trace("receipt {} from {}: another member's probe", event.key(), receipt.receiver());
      } catch (ProbeCodec.Rejected e) {
        countRejection(receipt.to(), e);
      }
    });
  }

  /** Every member's view of the links follows the links store. */
  private void sharedLinkChanged(StoreEvent<String, SharedLink> event) {
    if (event.type() == StoreEvent.Type.PUT) {
      SharedLink shared = event.after().orElseThrow();
      merge(shared.link(), shared.latencyMicros());
    } else {
      String why = event.type() == StoreEvent.Type.EXPIRE ? "its lease in the links store ran out"
          : "withdrawn from the links store";
      event.before().ifPresent(l -> notifyListeners(store.remove(l.link(), why)));
    }
  }

  /** A link confirmed (by any member): refresh it here, and withdraw the links a moved cable replaced. */
  private void merge(Link link, long latencyMicros) {
    List<LinkEvent> events = store.observe(link, clock.instant(), Duration.ofNanos(latencyMicros * 1000));
    notifyListeners(events);
    exchange.withdraw(events.stream().filter(e -> e.type() == LinkEvent.Type.REMOVED).map(LinkEvent::link)
        .toList());
  }

  /** TopoGuard's rule: a link with an end where hosts live was made by a host passing probes on. */
  private void refuseThroughHosts(Link link, boolean dstFacesHosts) throws ProbeCodec.Rejected {
    SwitchPort hostPort = dstFacesHosts || hostFacing.contains(link.dst()) ? link.dst()
        : hostFacing.contains(link.src()) ? link.src() : null;
    if (hostPort == null) {
      return;
    }
    refused.increment();
    LinkRefusal refusal = new LinkRefusal(link, hostPort, "probe from " + link.src() + " arrived at " + link.dst()
        + "; hosts live on " + hostPort + ", so a host carried it");
    refusalLog.report(hostPort, null, "switch {} port {}: no link {}: {}", hostPort.dpid(),
        hostPort.port().getPortNumber(), link, refusal.reason());
    tell(l -> l.linkRefused(refusal), "link refused at " + hostPort);
    throw new ProbeCodec.Rejected("link " + link + " refused: " + hostPort + " faces hosts");
  }

  // ---- SwitchListener ----

  /** A new switch: its capture entry went out first (the setup), so probe the fabric now for links toward it. */
  @Override
  public void switchAdded(OFSwitch sw) {
    probeAll();
  }

  /**
   * Alone, a switch gone from this controller is gone from the fabric. In a cluster it may only have moved to
   * another master, which keeps probing it: its links stay until their leases run out.
   */
  @Override
  public void switchRemoved(DatapathId id) {
    hostFacing.removeIf(p -> p.dpid().equals(id));
    if (!exchange.shared()) {
      withdraw(store.removeSwitch(id, "switch " + id + " disconnected"));
    }
  }

  @Override
  public void portChanged(OFSwitch sw, OFPortDesc port, PortChange change) {
    SwitchPort where = new SwitchPort(sw.id(), port.getPortNo());
    switch (change) {
      case DOWN, REMOVED -> {
        hostFacing.remove(where); // unplugged: what is plugged in next may be a switch
        withdraw(store.removePort(where, "port " + where + " " + change));
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
    Instant now = clock.instant();
    exchange.expire(now);
    notifyListeners(store.expire(now, config.linkTimeout()));
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

  /** Links this member saw end: gone here at once, and from every member's view through the store. */
  private void withdraw(List<LinkEvent> removed) {
    notifyListeners(removed);
    exchange.withdraw(removed.stream().map(LinkEvent::link).toList());
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
