package org.netservof.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private static final ObjectMapper JSON = new ObjectMapper();

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

  /** The member that says it masters the switch now (it says so once the switch granted it the role). */
  Optional<NetServCluster.Member> masterOf(String dpid) {
    return cluster.members().stream().filter(m -> m.process().alive() && says(m, dpid, "MASTER")).findFirst();
  }

  /**
   * Whether a running member other than {@code not} says it is the switch's MASTER (it says so only once the
   * switch granted the role request): the controllers' view, read at once, where Open vSwitch's own role column
   * is refreshed only every few seconds.
   */
  boolean masteredByAnotherThan(NetServCluster.Member not, String dpid) {
    return cluster.members().stream().filter(m -> m != not && m.process().alive()).anyMatch(m -> says(m, dpid,
        "MASTER"));
  }

  /** Whether the member says it has that role for the switch. */
  boolean says(NetServCluster.Member m, String dpid, String role) {
    try {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(m.restBase() + "/netserv/v1/switches/"
          + dpid)).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
      return r.statusCode() == 200 && JSON.readTree(r.body()).path("role").asText().equals(role);
    } catch (Exception e) {
      return false;
    }
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
