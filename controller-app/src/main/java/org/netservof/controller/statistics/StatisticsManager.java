package org.netservof.controller.statistics;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.netservof.controller.api.OFSwitch;
import org.netservof.controller.api.SwitchService;
import org.netservof.controller.api.statistics.PortBandwidth;
import org.netservof.controller.api.statistics.StatisticsAdminService;
import org.netservof.controller.api.statistics.StatisticsService;
import org.netservof.policy.fabric.SwitchPort;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFPortDesc;
import org.projectfloodlight.openflow.protocol.OFPortStatsEntry;
import org.projectfloodlight.openflow.protocol.OFPortStatsReply;
import org.projectfloodlight.openflow.protocol.OFPortStatsRequest;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.types.DatapathId;
import org.projectfloodlight.openflow.types.OFPort;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The statistics collector: while collecting, {@link #poll} (run by the module's timer every interval) asks
 * every switch this controller writes to for its port counters; each answer is compared with the port's
 * previous one into a {@link PortBandwidth}. Answers complete on the switches' I/O threads, where only the
 * maps are touched. Time comes from the injected clock.
 */
final class StatisticsManager implements StatisticsService, StatisticsAdminService {
  private static final Logger log = LoggerFactory.getLogger(StatisticsManager.class);

  private final SwitchService switches;
  private final Clock clock;
  private volatile boolean collecting;
  private final Map<SwitchPort, PortSample> lastRead = new ConcurrentHashMap<>();
  private final Map<SwitchPort, PortBandwidth> measured = new ConcurrentHashMap<>();

  StatisticsManager(SwitchService switches, Clock clock, boolean collecting) {
    this.switches = switches;
    this.clock = clock;
    this.collecting = collecting;
  }

  @Override
  public void collect(boolean on) {
    collecting = on;
    if (!on) {
      lastRead.clear();
      measured.clear();
    }
    log.info("statistics: port counter collection {}", on ? "enabled" : "disabled");
  }

  @Override
  public boolean collecting() {
    return collecting;
  }

  @Override
  public List<PortBandwidth> bandwidth() {
    return measured.entrySet().stream().sorted(Map.Entry.comparingByKey()).map(Map.Entry::getValue).toList();
  }

  @Override
  public Optional<PortBandwidth> bandwidth(DatapathId dpid, OFPort port) {
    return Optional.ofNullable(measured.get(new SwitchPort(dpid, port)));
  }

  /** One round: asks every switch for its port counters; forgets switches that left. */
  void poll() {
    if (!collecting) {
      return;
    }
    Set<DatapathId> present = switches.switches().stream().map(OFSwitch::id).collect(Collectors.toSet());
    lastRead.keySet().removeIf(p -> !present.contains(p.dpid()));
    measured.keySet().removeIf(p -> !present.contains(p.dpid()));
    for (OFSwitch sw : switches.switches()) {
      sw.stats(portStats(sw.factory())).whenComplete((replies, error) -> {
        if (error != null) {
          log.info("statistics: switch {} did not answer the port statistics request: {}", sw.id(), error.toString());
        } else {
          record(sw, replies);
        }
      });
    }
  }

  /** Takes one switch's answer; an answer that arrives after collection was turned off is dropped. */
  void record(OFSwitch sw, List<OFPortStatsReply> replies) {
    if (!collecting) {
      return;
    }
    Instant at = clock.instant();
    for (OFPortStatsReply reply : replies) {
      for (OFPortStatsEntry e : reply.getEntries()) {
        SwitchPort key = new SwitchPort(sw.id(), e.getPortNo());
        PortSample now = new PortSample(e.getRxBytes().getValue(), e.getTxBytes().getValue(), at);
        PortSample before = lastRead.put(key, now);
        if (before != null) {
          Bandwidth.between(before, now).ifPresent(r -> measured.put(key, new PortBandwidth(sw.id(), e.getPortNo(),
              at, linkSpeed(sw, e.getPortNo()), r.rxBitsPerSecond(), r.txBitsPerSecond())));
        }
      }
    }
  }

  /** Bits per second the port runs at; the field exists from OpenFlow 1.1 to 1.3 (in kbps). */
  private static long linkSpeed(OFSwitch sw, OFPort port) {
    OFVersion v = sw.factory().getVersion();
    if (v == OFVersion.OF_10 || v.compareTo(OFVersion.OF_13) > 0) {
      return 0;
    }
    return sw.port(port).map(OFPortDesc::getCurrSpeed).orElse(0L) * 1000;
  }

  private static OFPortStatsRequest portStats(OFFactory f) {
    return f.buildPortStatsRequest().setPortNo(OFPort.ANY).build();
  }
}
