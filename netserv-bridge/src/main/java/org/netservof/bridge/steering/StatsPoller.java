package org.netservof.bridge.steering;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.netservof.controller.api.OFSwitch;
import org.netservof.controller.api.SwitchDisconnectedException;
import org.netservof.controller.api.SwitchService;
import org.netservof.controller.util.RepeatedFailures;
import org.netservof.policy.layout.Cookie;
import org.netservof.policy.layout.CookieOwner;
import org.netservof.policy.openflow.Meters;
import org.netservof.policy.openflow.StatsRequests;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFFlowStatsEntry;
import org.projectfloodlight.openflow.protocol.OFFlowStatsReply;
import org.projectfloodlight.openflow.protocol.OFMeterStats;
import org.projectfloodlight.openflow.protocol.OFMeterStatsReply;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.types.DatapathId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * Every {@code service-stats-interval}, reads each connected switch's steering entries (flow statistics under
 * steering's cookie) and meters (meter statistics) for the services' packet counters and the users' meter drops,
 * and refreshes the node-reported meters: Prometheus scrapes what the last read found, never the switches.
 * OpenFlow 1.0 switches are not read (no cookie masks, no meters). Runs on its own thread, one read at a time.
 */
final class StatsPoller implements Runnable {
  private static final Logger log = LoggerFactory.getLogger(StatsPoller.class);

  private final SwitchService switches;
  private final Feeds feeds;
  private final Clock clock;
  private final RepeatedFailures failures = RepeatedFailures.of(log, Level.WARN);

  /** What each read feeds. */
  record Feeds(ServiceCounters services, MeterDrops drops, NodeCounters nodes) {}

  StatsPoller(SwitchService switches, Feeds feeds, Clock clock) {
    this.switches = switches;
    this.feeds = feeds;
    this.clock = clock;
  }

  @Override
  public void run() {
    feeds.services().retainRegistered();
    feeds.nodes().refresh();
    for (OFSwitch sw : List.copyOf(switches.switches())) {
      if (sw.factory().getVersion() == OFVersion.OF_10) {
        continue;
      }
      try {
        read(sw);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt(); // shutting down
        return;
      } catch (ExecutionException | TimeoutException e) {
        if (SwitchDisconnectedException.isCauseOf(e) || switches.getSwitch(sw.id()).isEmpty()) {
          continue; // it left meanwhile: nothing to read, nothing wrong; its counters go on when it is back
        }
        failures.report(List.of(sw.id()), null, "switch {}: its steering statistics could not be read: {}",
            sw.id(), e instanceof ExecutionException ? e.getCause().getMessage() : "no reply in time");
      }
    }
    Set<DatapathId> connected = switches.switches().stream().map(OFSwitch::id).collect(Collectors.toSet());
    feeds.services().connected(connected);
  }

  private void read(OFSwitch sw) throws InterruptedException, ExecutionException, TimeoutException {
    OFFactory f = sw.factory();
    CompletableFuture<List<OFFlowStatsReply>> flows = sw.stats(StatsRequests.flows(f, f.matchWildcardAll(),
        Cookie.of(CookieOwner.STEERING).value(), Cookie.ownerMask()));
    CompletableFuture<List<OFMeterStatsReply>> meters = Meters.supported(f)
        ? sw.stats(f.buildMeterStatsRequest().setMeterId(Meters.ALL).build())
        : CompletableFuture.completedFuture(List.of());
    List<OFFlowStatsEntry> entries = new ArrayList<>();
    for (OFFlowStatsReply r : await(flows)) {
      entries.addAll(r.getEntries());
    }
    feeds.services().read(sw.id(), entries);
    List<OFMeterStats> meterStats = new ArrayList<>();
    for (OFMeterStatsReply r : await(meters)) {
      meterStats.addAll(r.getEntries());
    }
    feeds.drops().read(sw.id(), meterStats, clock.instant());
  }

  private static <T> T await(CompletableFuture<T> reply)
      throws InterruptedException, ExecutionException, TimeoutException {
    return reply.get(SwitchTables.READ_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
  }
}
