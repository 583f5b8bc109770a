package org.netservof.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.netservof.bridge.api.ServiceInfo;
import org.netservof.bridge.api.ServiceRequest;
import org.netservof.bridge.api.SteeringAdminService;
import org.netservof.bridge.api.SteeringMode;
import org.netservof.controller.launcher.Controller;
import org.netservof.controller.testing.Eventually;
import org.netservof.controller.testing.OvsBridge;
import org.netservof.controller.testing.Processes;
import org.netservof.policy.filter.Filter;
import org.netservof.policy.filter.PortRange;
import org.netservof.policy.filter.Protocol;
import org.netservof.policy.layout.Cookie;
import org.netservof.policy.layout.CookieOwner;

/**
 * Steering's installs against the same entries written straight to the bridge. Ours: proactive services
 * registered back to back on one Open vSwitch bridge with two nodes, from the first registration to the last
 * one confirmed (every phase of every push confirmed by a barrier). The peer: the very entries steering
 * installed, read back with {@code ovs-ofctl dump-flows} and written again by {@code ovs-ofctl add-flows},
 * which sends them all and one barrier at the end (its process start, a few milliseconds, is in its time).
 * Services are added until the bridge holds about the target number of steering entries.
 */
final class FlowModsBench {
  private static final Duration WAIT = Duration.ofSeconds(120);
  private static final long DPID = 0x5f10000L;
  private static final String OF13 = "OpenFlow13";

  private final List<Integer> targets;
  private final int rounds;
  /** Steering entries that stay while no service exists: the nodes' tunnels (set by the first count). */
  private int tunnelEntries;

  FlowModsBench(List<Integer> targets, int rounds) {
    this.targets = List.copyOf(targets);
    this.rounds = rounds;
  }

  Report run(Path work) throws Exception {
    Machine machine = Machine.now();
    Report report = new Report("flowmods", "NetServ-OF steering", "ovs-ofctl add-flows", machine);
    Path config = work.resolve("controller.yaml");
    Files.writeString(config, "of-listen: 127.0.0.1:0\nmodules: [steering]\n"
        + "store-path: " + work.resolve("store") + "\n");
    try (Controller controller = Controller.start(Optional.of(config), Map.of());
        OvsBridge bridge = new OvsBridge("nsfm", DPID, OF13)) {
      SteeringAdminService steering = StandInNodes.connect(controller, bridge, DPID, 0x020000000f00L);
      int perService = entriesPerService(steering, bridge);
      report.note("one proactive service (UDP to one port, split over 2 nodes) takes " + perService
          + " entries on the bridge; tunnel entries for the nodes come on top");
      for (int target : targets) {
        measure(report, work, steering, bridge, target, Math.max(1, (target + perService - 1) / perService));
      }
    }
    report.finish(machine.finish());
    return report;
  }

  /** Rounds of {@code services} registered by steering, then the same entries written by add-flows. */
  private void measure(Report report, Path work, SteeringAdminService steering, OvsBridge bridge, int target,
      int services) throws Exception {
    List<Double> ours = new ArrayList<>();
    List<Double> peer = new ArrayList<>();
    int entries = 0;
    for (int round = 0; round < rounds; round++) {
      long start = System.nanoTime();
      List<ServiceInfo> registered = registerAll(steering, services);
      double seconds = (System.nanoTime() - start) / 1e9;
      Path dump = work.resolve("steering-" + target + "-" + round + ".flows");
      entries = dumpSteeringEntries(bridge, dump);
      ours.add(entries / seconds);
      removeAll(steering, registered);
      Eventually.waitFor("steering's entries gone", WAIT, () -> steeringEntryCount(bridge) <= tunnelEntries);
      peer.add(entries / addFlows(bridge, dump));
      Processes.run("ovs-ofctl", "-O", OF13, "del-flows", bridge.name, steeringCookie());
    }
    report.add(String.format("%,d entries (%d services) installed and confirmed, median of %d", entries,
        services, rounds), "entries/s", Stats.median(ours), Stats.median(peer), true);
    report.note(String.format("%,d entries: steering %s entries/s, add-flows %s entries/s", entries,
        rounded(ours), rounded(peer)));
  }

  private int entriesPerService(SteeringAdminService steering, OvsBridge bridge) throws Exception {
    tunnelEntries = steeringEntryCount(bridge);
    List<ServiceInfo> one = registerAll(steering, 1);
    int perService = steeringEntryCount(bridge) - tunnelEntries;
    removeAll(steering, one);
    Eventually.waitFor("steering's entries gone", WAIT, () -> steeringEntryCount(bridge) <= tunnelEntries);
    if (perService < 1) {
      throw new IllegalStateException("a proactive service installed no entry on the bridge");
    }
    return perService;
  }

  private static List<ServiceInfo> registerAll(SteeringAdminService steering, int count) throws Exception {
    List<CompletableFuture<ServiceInfo>> pending = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Filter filter = Filter.of(Protocol.UDP).withDstPorts(PortRange.single(10000 + i));
      pending.add(steering.register(new ServiceRequest("flowmods-" + i, filter, "pool", SteeringMode.PROACTIVE,
          Optional.empty())));
    }
    List<ServiceInfo> out = new ArrayList<>();
    for (CompletableFuture<ServiceInfo> f : pending) {
      out.add(f.get(WAIT.toSeconds(), TimeUnit.SECONDS));
    }
    return out;
  }

  private static void removeAll(SteeringAdminService steering, List<ServiceInfo> services) throws Exception {
    List<CompletableFuture<Void>> pending = new ArrayList<>();
    for (ServiceInfo s : services) {
      pending.add(steering.remove(s.id()));
    }
    CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).get(WAIT.toSeconds(), TimeUnit.SECONDS);
  }

  /** Seconds {@code ovs-ofctl add-flows} takes for the file, barrier included. */
  private static double addFlows(OvsBridge bridge, Path flows) {
    long start = System.nanoTime();
    Processes.run("ovs-ofctl", "-O", OF13, "add-flows", bridge.name, flows.toString());
    return (System.nanoTime() - start) / 1e9;
  }

  /** Writes steering's entries on the bridge, in add-flows syntax, to {@code file}; returns how many. */
  private static int dumpSteeringEntries(OvsBridge bridge, Path file) throws Exception {
    String out = Processes.run("ovs-ofctl", "-O", OF13, "--no-stats", "dump-flows", bridge.name, steeringCookie());
    List<String> lines = out.lines().map(String::strip).filter(l -> l.startsWith("cookie=")).toList();
    Files.write(file, lines);
    return lines.size();
  }

  private static int steeringEntryCount(OvsBridge bridge) {
    return (int) Processes.run("ovs-ofctl", "-O", OF13, "dump-flows", bridge.name, steeringCookie()).lines()
        .filter(l -> l.strip().startsWith("cookie=")).count();
  }

  private static String steeringCookie() {
    return String.format("cookie=0x%016x/0x%016x", Cookie.of(CookieOwner.STEERING).value().getValue(),
        Cookie.ownerMask().getValue());
  }

  private static String rounded(List<Double> values) {
    return values.stream().map(v -> String.format("%.0f", v)).toList().toString();
  }
}
