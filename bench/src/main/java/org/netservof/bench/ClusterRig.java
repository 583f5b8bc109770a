package org.netservof.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.netservof.controller.testing.EtcdCluster;
import org.netservof.controller.testing.Eventually;
import org.netservof.mininet.MininetNetwork;
import org.netservof.mininet.NetServCluster;
import org.netservof.mininet.SwitchRoles;

/**
 * What the cluster benchmark runs on: one etcd server and three controller processes sharing it (the restart
 * benchmark's configuration, {@link RestartRig#benchYaml}), and the steering topology on Mininet with every
 * switch connected to every member over OpenFlow 1.3, h1 on s1, h2 on the last switch, a stand-in node on s1.
 */
final class ClusterRig implements AutoCloseable {
  private static final Duration WAIT = Duration.ofSeconds(120);
  final EtcdCluster etcd;
  final NetServCluster cluster;
  final MininetNetwork net;
  private final int switches;

  private ClusterRig(EtcdCluster etcd, NetServCluster cluster, MininetNetwork net, int switches) {
    this.etcd = etcd;
    this.cluster = cluster;
    this.net = net;
    this.switches = switches;
  }

  static ClusterRig start(Path work, int switches, int members) throws Exception {
    EtcdCluster etcd = EtcdCluster.start(work.resolve("etcd"), 1);
    NetServCluster cluster = null;
    try {
      String shared = RestartRig.benchYaml(work);
      cluster = new NetServCluster(work, members, etcd, "127.0.0.1", listen -> listen + shared);
      cluster.startAll();
      MininetNetwork net = new MininetNetwork(cluster.controllers(), "OpenFlow13", "--cluster", "--topo", "steering",
          "--switches", String.valueOf(switches), "--nodes", "1");
      ClusterRig rig = new ClusterRig(etcd, cluster, net, switches);
      net.command(WAIT, "nodes_start", Map.of());
      rig.waitFabric();
      return rig;
    } catch (Exception | Error e) {
      if (cluster != null) {
        cluster.close();
      }
      etcd.close();
      throw e;
    }
  }

  /** Every switch with a connected master, and h1 reaching h2. */
  void waitFabric() {
    Eventually.waitFor("a master for each of " + switches + " switches", WAIT,
        () -> bridges().stream().allMatch(b -> SwitchRoles.master(b).isPresent()));
    Eventually.waitFor("h1 reaching h2", WAIT, () -> net.reaches("h1", "h2"));
  }

  /** The member the bridge has as its master now, by the switch's own report. */
  Optional<NetServCluster.Member> masterOf(String bridge) {
    return SwitchRoles.master(bridge).map(cluster::byTarget);
  }

  /** The REST base URL of every member. */
  List<String> bases() {
    return cluster.members().stream().map(NetServCluster.Member::restBase).toList();
  }

  /** The bridges' names, s1 to the last switch. */
  List<String> bridges() {
    String prefix = net.description().get("prefix").asText();
    return java.util.stream.IntStream.rangeClosed(1, switches).mapToObj(i -> prefix + "s" + i).toList();
  }

  @Override
  public void close() throws Exception {
    try (EtcdCluster last = etcd; NetServCluster members = cluster) {
      net.close();
    }
  }
}
