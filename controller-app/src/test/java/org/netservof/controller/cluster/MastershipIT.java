package org.netservof.controller.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netservof.controller.api.ModuleContext;
import org.netservof.controller.api.OFSwitch;
import org.netservof.controller.api.SwitchService;
import org.netservof.controller.api.cluster.ClusterMember;
import org.netservof.controller.api.cluster.ClusterService;
import org.netservof.controller.api.cluster.MastershipService;
import org.netservof.controller.api.cluster.SwitchRole;
import org.netservof.controller.api.cluster.SwitchRole.Role;
import org.netservof.controller.core.CoreModule;
import org.netservof.controller.metrics.MetricsModule;
import org.netservof.controller.launcher.Controller;
import org.netservof.controller.store.etcd.EtcdAccess;
import org.netservof.controller.store.etcd.EtcdConnection;
import org.netservof.controller.store.etcd.EtcdSettings;
import org.netservof.controller.testing.EtcdCluster;
import org.netservof.controller.testing.Eventually;
import org.netservof.controller.testing.FakeModule;
import org.netservof.controller.testing.Ovs;
import org.netservof.controller.testing.OvsBridge;
import org.netservof.controller.testing.PausableProxy;
import org.netservof.controller.testing.Processes;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.match.MatchField;
import org.projectfloodlight.openflow.types.DatapathId;
import org.projectfloodlight.openflow.types.EthType;
import org.projectfloodlight.openflow.types.U64;

/**
 * Two controllers in one JVM over a real etcd, one real Open vSwitch bridge (OpenFlow 1.3) connected to both:
 * exactly one masters it (as OVS's controller table says, and both controllers' services); the master's lease
 * ending makes the other master at a higher generation id; and a master cut off from etcd, deposed by the
 * other, stops writing on the switch's word before its own lease runs out, while the switch refuses its old
 * generation id (STALE). The IS_SLAVE and STALE step-downs for switches that do not say so are proven on a
 * fake switch that keeps OVS's role rules (MastershipManagerTest).
 */
class MastershipIT {
  private static final Duration SETTLE = Duration.ofSeconds(20);
  @TempDir Path dir;
  private EtcdCluster etcd;
  private EtcdConnection admin;
  private PausableProxy proxy;
  private final List<AutoCloseable> open = new ArrayList<>();
  private OvsBridge bridge;
  private DatapathId dpid;

  @BeforeEach
  void start() {
    Ovs.ensureRunning();
    etcd = EtcdCluster.start(dir.resolve("etcd"), 1);
    proxy = new PausableProxy(etcd.endpoints().get(0));
    long id = 0x5ca1e0000L + (System.nanoTime() & 0xffff);
    dpid = DatapathId.of(id);
    bridge = new OvsBridge("nsms", id, "OpenFlow13");
  }

  @AfterEach
  void stop() throws Exception {
    bridge.close();
    for (int i = open.size() - 1; i >= 0; i--) {
      open.get(i).close();
    }
    proxy.close();
    etcd.close();
  }

  @Test
  void exactlyOneMemberMastersTheSwitchAndTheOtherTakesOverWhenItsLeaseEnds() throws Exception {
    Controller a = controller("a", direct(), "2s");
    Controller b = controller("b", direct(), "2s");
    connect(a, b);
    Eventually.waitFor("one master and one slave", SETTLE, () -> settled(a, b) || settled(b, a));
    Controller master = settled(a, b) ? a : b;
    Controller slave = master == a ? b : a;
    long generation = role(master).generationId();
    assertThat(master.service(SwitchService.class).getSwitch(dpid)).isPresent();
    assertThat(slave.service(SwitchService.class).getSwitch(dpid)).as("a slave does not offer the switch").isEmpty();
    assertThat(slave.service(SwitchService.class).connectedSwitches()).extracting(OFSwitch::id).containsExactly(dpid);
    assertThat(master.service(ClusterService.class).members()).extracting(ClusterMember::instanceId)
        .containsExactly("a", "b");
    assertThat(master.service(ClusterService.class).storeHealth().writable()).isTrue();

    revokeLease(master);
    Eventually.waitFor("the other member to master the switch", SETTLE, () -> settled(slave, master));
    assertThat(role(slave).generationId()).isGreaterThan(generation);
    assertThat(master.service(SwitchService.class).switches()).isEmpty();
    assertThat(bridge.dumpFlows("OpenFlow13")).anySatisfy(line -> assertThat(line).contains("priority=0"));
  }

  @Test
  void aMasterThatStopsHandsTheSwitchToTheOtherAtOnce() throws Exception {
    Controller a = controller("a", direct(), "60s");
    Controller b = slaveOf(a, "60s");
    long generation = role(a).generationId();
    a.close(); // its candidacies withdrawn and its lease revoked: b does not wait for the 60 s TTL
    Eventually.waitFor("b to master the switch", SETTLE, () -> role(b).role() == Role.MASTER
        && b.service(SwitchService.class).getSwitch(dpid).isPresent());
    assertThat(role(b).generationId()).isGreaterThan(generation);
    assertThat(b.service(ClusterService.class).members()).extracting(ClusterMember::instanceId).containsExactly("b");
  }

  @Test
  void aMemberCutOffFromEtcdForItsLeaseStopsWritingByItselfAndMastersAgainWhenEtcdAnswers() throws Exception {
    Controller a = controller("a", EtcdConnection.open(EtcdSettings.plain(List.of(proxy.url()))), "2s");
    connect(a); // no other member: only a's own lease watch can make it stop
    Eventually.waitFor("a to master the switch", SETTLE, () -> role(a).role() == Role.MASTER);
    long generation = role(a).generationId();
    proxy.pause();
    Eventually.waitFor("a to stop writing, its keep-alives unanswered for a TTL", SETTLE,
        () -> role(a).role() == Role.SLAVE && ovsRoles(a).equals(List.of("slave")));
    assertThat(a.service(SwitchService.class).switches()).isEmpty();
    proxy.resume();
    Eventually.waitFor("a to master the switch again under a new lease", SETTLE,
        () -> role(a).role() == Role.MASTER && ovsRoles(a).equals(List.of("master")));
    assertThat(role(a).generationId()).isGreaterThan(generation);
    assertThat(a.service(SwitchService.class).getSwitch(dpid)).isPresent();
  }

  @Test
  void aDeposedMasterCutOffFromEtcdStepsDownOnTheSwitchsWordAndItsOldGenerationIsRefused() throws Exception {
    // a's lease is long: cut off from etcd, it will not notice for 10 s that it lost it.
    Controller a = controller("a", EtcdConnection.open(EtcdSettings.plain(List.of(proxy.url()))), "10s");
    Controller b = slaveOf(a, "2s");
    long deposed = role(a).generationId();
    OFSwitch stale = a.service(SwitchService.class).getSwitch(dpid).orElseThrow();

    proxy.pause();
    revokeLease(a); // etcd ends a's lease, as it would after a partition longer than the TTL
    Eventually.waitFor("b to master the switch", SETTLE, () -> ovsRoles(a, b).equals(List.of("slave", "master")));
    // a hears nothing from etcd (its lease would time out only after 10 s), but the switch tells it: Open
    // vSwitch's role status (OpenFlow 1.3 ONF extension) stops it writing at once.
    Eventually.waitFor("a to step down on the switch's word", SETTLE, () -> role(a).role() == Role.SLAVE);
    assertThat(a.service(SwitchService.class).switches()).isEmpty();

    OFFactory f = stale.factory();
    assertThatThrownBy(() -> stale.writeConfirmed(List.of(f.buildFlowAdd().setPriority(7).setCookie(U64.of(0x5ca1e))
        .setMatch(f.buildMatch().setExact(MatchField.ETH_TYPE, EthType.IPv4).build()).build()))
        .get(10, TimeUnit.SECONDS)).as("a late write through the old reference").hasMessageContaining("SLAVE");
    assertThatThrownBy(() -> stale.request(RoleRequests.request(f, Role.MASTER, deposed)).get(10, TimeUnit.SECONDS))
        .as("its old generation asserted again").hasMessageContaining("STALE");
    assertThat(role(a).role()).isEqualTo(Role.SLAVE);
    assertThat(ovsRoles(a, b)).containsExactly("slave", "master");
    assertThat(bridge.dumpFlows("OpenFlow13")).noneMatch(line -> line.contains("0x5ca1e"));

    proxy.resume();
    Eventually.waitFor("a to follow b under a new lease", SETTLE, () -> role(a).equals(new SwitchRole(dpid,
        Role.SLAVE, role(b).generationId(), Optional.of("b"))));
    assertThat(ovsRoles(a, b)).containsExactly("slave", "master");
  }

  /** Connects the switch to {@code a} alone until it masters it, then to a member "b" too, its slave. */
  private Controller slaveOf(Controller a, String lease) throws Exception {
    connect(a);
    Eventually.waitFor("a to master the switch", SETTLE, () -> role(a).role() == Role.MASTER);
    Controller b = controller("b", direct(), lease);
    connect(a, b);
    Eventually.waitFor("b to be a's slave", SETTLE, () -> settled(a, b));
    return b;
  }

  private EtcdConnection direct() throws Exception {
    return EtcdConnection.open(EtcdSettings.plain(etcd.endpoints()));
  }

  private Controller controller(String name, EtcdConnection connection, String lease) throws Exception {
    open.add(connection);
    Path config = dir.resolve(name + ".yaml");
    Files.writeString(config, "of-listen: 127.0.0.1:0\nmodules: [test-etcd]\ninstance-id: " + name
        + "\ncluster-lease: " + lease + "\n");
    FakeModule etcdModule = new FakeModule("test-etcd", Set.of(EtcdAccess.class), Set.of(), Set.of()) {
      @Override
      public void init(ModuleContext context) {
        context.provide(EtcdAccess.class, () -> Optional.of(connection));
      }
    };
    Controller c = Controller.start(Optional.of(config), Map.of(),
        List.of(new CoreModule(), new MetricsModule(), new ClusterModule(), etcdModule), Clock.systemUTC());
    open.add(c);
    return c;
  }

  private void connect(Controller... controllers) {
    List<String> command = new ArrayList<>(List.of("ovs-vsctl", "--timeout=10", "set-controller", bridge.name));
    for (Controller c : controllers) {
      command.add("tcp:127.0.0.1:" + c.openFlowAddress().getPort());
    }
    Processes.run(command.toArray(String[]::new));
  }

  /** Whether {@code master} masters the switch and {@code slave} is its slave, in both services and in OVS. */
  private boolean settled(Controller master, Controller slave) {
    Optional<SwitchRole> m = master.service(MastershipService.class).role(dpid);
    Optional<SwitchRole> s = slave.service(MastershipService.class).role(dpid);
    return m.isPresent() && s.isPresent() && m.get().role() == Role.MASTER && s.get().role() == Role.SLAVE
        && s.get().generationId() == m.get().generationId()
        && master.service(SwitchService.class).getSwitch(dpid).isPresent()
        && ovsRoles(master, slave).equals(List.of("master", "slave"));
  }

  private SwitchRole role(Controller c) {
    return c.service(MastershipService.class).role(dpid)
        .orElse(new SwitchRole(dpid, Role.EQUAL, 0, Optional.empty()));
  }

  /** The role OVS gives each controller's connection (its Controller table's role column), in order. */
  private List<String> ovsRoles(Controller... controllers) {
    Map<String, String> byTarget = new HashMap<>();
    String out = Processes.run("ovs-vsctl", "--format=csv", "--data=bare", "--no-headings", "--columns=target,role",
        "list", "controller");
    for (String line : out.split("\n")) {
      String[] fields = line.strip().split(",");
      if (fields.length == 2) {
        byTarget.put(fields[0], fields[1]);
      }
    }
    return java.util.Arrays.stream(controllers)
        .map(c -> byTarget.getOrDefault("tcp:127.0.0.1:" + c.openFlowAddress().getPort(), "none")).toList();
  }

  private void revokeLease(Controller member) throws Exception {
    String id = member.service(ClusterService.class).instanceId();
    if (admin == null) {
      admin = direct();
      open.add(admin);
    }
    long lease = admin.client().getKVClient().get(admin.key(EtcdMembers.PREFIX + id)).get(5, TimeUnit.SECONDS)
        .getKvs().get(0).getLease();
    admin.client().getLeaseClient().revoke(lease).get(5, TimeUnit.SECONDS);
  }
}
