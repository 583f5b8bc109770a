package org.netservof.bridge.steering;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntPredicate;
import org.netservof.controller.api.OFSwitch;
import org.netservof.policy.layout.ControllerMeter;
import org.netservof.policy.layout.Cookie;
import org.netservof.policy.layout.CookieOwner;
import org.netservof.policy.openflow.Meters;
import org.netservof.policy.openflow.StatsRequests;
import org.netservof.policy.plan.FlowEntry;
import org.netservof.policy.plan.Plan;
import org.netservof.policy.plan.ReadBack;
import org.netservof.policy.steering.SteeringLayout;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFFlowStatsEntry;
import org.projectfloodlight.openflow.protocol.OFFlowStatsReply;
import org.projectfloodlight.openflow.protocol.OFGroupDescStatsEntry;
import org.projectfloodlight.openflow.protocol.OFGroupDescStatsReply;
import org.projectfloodlight.openflow.protocol.OFMeterConfig;
import org.projectfloodlight.openflow.protocol.OFMeterConfigStatsReply;

/**
 * Steering's part of one switch's tables, read back (flow statistics under steering's cookie, group
 * descriptions in steering's range, meter configurations below the controller's meters).
 *
 * @param plan the planned kind of entries (guards, tunnels, classifiers, traps) and steering's groups
 * @param perFlow reactive per-flow entries, which no plan holds
 * @param foreign entries with steering's cookie that steering never writes (other tables or instructions)
 * @param userMeters meter id to drop rate in kbps, -1 for a meter of another shape
 */
record SwitchTables(Plan plan, List<FlowEntry> perFlow, List<FlowEntry> foreign, Map<Integer, Integer> userMeters) {
  static final Duration READ_TIMEOUT = Duration.ofSeconds(10);

  /** Reads a switch's tables (OpenFlow 1.1+); waits at most {@link #READ_TIMEOUT} for each reply. */
  /**
   * Reads the tables, and has the tracker forget the per-flow entries it tracked on the switch before the read
   * that the read did not find (they went while their removal reports could not come).
   */
  static SwitchTables readFollowing(OFSwitch sw, FlowTracker flows) throws Exception {
    Set<FlowEntry.Key> tracked = flows.on(sw.id());
    SwitchTables tables = read(sw);
    flows.forgetMissing(tracked, tables.perFlow());
    return tables;
  }

  static SwitchTables read(OFSwitch sw) throws Exception {
    OFFactory f = sw.factory();
    CompletableFuture<List<OFFlowStatsReply>> flows = sw.stats(StatsRequests.flows(f, f.matchWildcardAll(),
        Cookie.of(CookieOwner.STEERING).value(), Cookie.ownerMask()));
    CompletableFuture<List<OFGroupDescStatsReply>> groups = sw.stats(f.buildGroupDescStatsRequest().build());
    CompletableFuture<List<OFMeterConfigStatsReply>> meters = Meters.supported(f)
        ? sw.stats(f.buildMeterConfigStatsRequest().setMeterId(Meters.ALL).build())
        : CompletableFuture.completedFuture(List.of());
    Plan.Builder plan = Plan.builder();
    List<FlowEntry> perFlow = new ArrayList<>();
    List<FlowEntry> foreign = new ArrayList<>();
    for (OFFlowStatsReply reply : await(flows)) {
      for (OFFlowStatsEntry s : reply.getEntries()) {
        FlowEntry e = ReadBack.flow(sw.id(), s).orElse(null);
        if (e == null) {
          foreign.add(new FlowEntry(sw.id(), s.getPriority(), s.getMatch(), List.of(), s.getCookie()));
        } else if (Cookie.decode(e.cookie()).detail() == SteeringLayout.FLOW) {
          perFlow.add(e);
        } else {
          plan.add(e);
        }
      }
    }
    for (OFGroupDescStatsReply reply : await(groups)) {
      for (OFGroupDescStatsEntry g : reply.getEntries()) {
        if (SteeringLayout.isSteeringGroup(g.getGroup())) {
          plan.add(ReadBack.group(sw.id(), g));
        }
      }
    }
    return new SwitchTables(plan.build(), perFlow, foreign, userMeters(await(meters)));
  }

  /**
   * The entries read back that go whatever the plan says, each noted as a repair: per-flow entries of services
   * that are gone (those of services that exist stay, with their counters), and entries steering never writes.
   */
  List<FlowEntry> strays(IntPredicate serviceExists, Repairs repairs) {
    List<FlowEntry> out = new ArrayList<>();
    for (FlowEntry e : perFlow) {
      if (!serviceExists.test(Cookie.decode(e.cookie()).service())) {
        out.add(e);
        repairs.add(e.dpid(), Repairs.Kind.DELETED, Repairs.entry(e) + ": its service is gone");
      }
    }
    for (FlowEntry e : foreign) {
      out.add(e);
      repairs.add(e.dpid(), Repairs.Kind.DELETED, Repairs.entry(e) + ": not an entry steering writes");
    }
    return out;
  }

  /** Steering's meters: every id below the controller's own (which the core keeps), by drop rate. */
  private static Map<Integer, Integer> userMeters(List<OFMeterConfigStatsReply> replies) {
    Map<Integer, Integer> out = new HashMap<>();
    long firstControllerMeter = ControllerMeter.values()[0].id();
    for (OFMeterConfigStatsReply reply : replies) {
      for (OFMeterConfig c : reply.getEntries()) {
        if (c.getMeterId() < firstControllerMeter) {
          out.put((int) c.getMeterId(), Meters.dropRateKbps(c).orElse(-1));
        }
      }
    }
    return out;
  }

  private static <T> T await(CompletableFuture<T> reply) throws Exception {
    return reply.get(READ_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
  }
}
