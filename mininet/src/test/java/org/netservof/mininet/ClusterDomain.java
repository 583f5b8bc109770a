package org.netservof.mininet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.netservof.controller.testing.EtcdCluster;
import org.netservof.controller.testing.Eventually;

/**
 * One NetServ domain run by a cluster: etcd members, three controller processes sharing them
 * ({@link NetServCluster}), the steering topology on Mininet with every switch connected to every member over
 * OpenFlow 1.3, and real node agents on a management network that know every member's node channel. The REST
 * API (operator token), signaling (domain d1, pool "pool", user alice) as in {@link RestartDomain}.
 */
final class ClusterDomain implements AutoCloseable {
  static final Duration WAIT = ServiceNodes.WAIT;
  private static final ObjectMapper JSON = new ObjectMapper();
  final EtcdCluster etcd;
  final ServiceNodes serviceNodes;
  final NetServCluster cluster;
  private final List<String> nodes = new ArrayList<>();

  ClusterDomain(Path dir, int etcdMembers, int controllers) throws Exception {
    etcd = EtcdCluster.start(dir.resolve("etcd"), etcdMembers);
    try {
      serviceNodes = new ServiceNodes(dir);
      String shared = serviceNodes.netServYaml(FabricTraffic.USER_HOST);
      cluster = new NetServCluster(dir, controllers, etcd, serviceNodes.management().controllerIp(),
          listen -> serviceNodes.controllerYaml(listen, shared));
      cluster.startAll();
    } catch (Exception | Error e) {
      etcd.close();
      throw e;
    }
  }

  /** The steering topology under the cluster, each switch mastered, h1 reaching h2, agents registered and healthy. */
  MininetNetwork network(int switches, String nodeSwitches) throws Exception {
    MininetNetwork net = new MininetNetwork(cluster.controllers(), "OpenFlow13", "--cluster", "--topo", "steering",
        "--switches", String.valueOf(switches), "--nodes", nodeSwitches, "--management",
        serviceNodes.management().scenarioArgument());
    try {
      waitFabric(net);
      serviceNodes.declareNodes(net);
      cluster.writeConfigs();
      for (NetServCluster.Member m : cluster.members()) {
        m.process().signal("HUP");
      }
      for (NetServCluster.Member m : cluster.members()) {
        Eventually.waitFor(m.id() + "'s node channel open", WAIT, () -> accepts(m.nodeChannel()));
      }
      nodes.clear();
      nodes.addAll(serviceNodes.agentsStart(net, cluster.members().get(0).nodeChannel(),
          Map.of("controller", cluster.nodeChannels())));
      waitHealthy(net);
    } catch (Exception | Error e) {
      net.close();
      throw e;
    }
    return net;
  }

  private static boolean accepts(java.net.InetSocketAddress address) {
    try (java.net.Socket s = new java.net.Socket()) {
      s.connect(address, 500);
      return true;
    } catch (java.io.IOException e) {
      return false;
    }
  }

  /** Every bridge with a connected master, and h1 reaching h2. */
  void waitFabric(MininetNetwork net) {
    Eventually.waitFor("a master for every switch", WAIT, () -> bridges(net).stream()
        .allMatch(b -> SwitchRoles.master(b).isPresent()));
    try {
      Eventually.waitFor("h1 reaching h2", WAIT, () -> net.reaches("h1", "h2"));
    } catch (AssertionError e) {
      throw new AssertionError(e.getMessage() + "\n" + fabricViews(net), e);
    }
  }

  /** What each running member and each switch say about the fabric, for a failure message. */
  private String fabricViews(MininetNetwork net) {
    StringBuilder out = new StringBuilder();
    for (NetServCluster.Member m : running()) {
      out.append("== ").append(m.id()).append(" switches ").append(get(m, "/netserv/v1/switches"))
          .append("\n   links ").append(get(m, "/wm/topology/links/json"))
          .append("\n   hosts ").append(get(m, "/wm/device/")).append('\n');
    }
    for (String bridge : bridges(net)) {
      out.append("== ").append(bridge).append(" roles ").append(SwitchRoles.of(bridge)).append('\n');
    }
    running().forEach(m -> out.append("==== log of ").append(m.id()).append('\n').append(m.process().log()));
    return out.toString();
  }

  /**
   * Every node healthy with its agent connected, as every running member reports it: the one that holds the
   * agent's connection, and the others through the holder's claim in the store.
   */
  void waitHealthy(MininetNetwork net) throws Exception {
    try {
      Eventually.waitFor("nodes " + nodes + " connected and healthy", WAIT, () -> nodes.stream().allMatch(id ->
          running().stream().allMatch(m -> {
            JsonNode n = get(m, "/netserv/v1/nodes/" + id);
            return n.path("state").asText().equals("healthy") && n.path("agent").path("connected").asBoolean();
          })));
    } catch (AssertionError e) {
      for (String id : nodes) {
        System.out.println("---- agent log of " + id + ":\n" + net.command(WAIT, "agent_log", Map.of("node", id)));
      }
      StringBuilder views = new StringBuilder();
      running().forEach(m -> nodes.forEach(id -> views.append(m.id()).append(" says ").append(id).append(": ")
          .append(get(m, "/netserv/v1/nodes/" + id)).append('\n')));
      throw new AssertionError(e.getMessage() + "\n" + views + cluster.problems(), e);
    }
  }

  /** The bridges' names, s1 first. */
  List<String> bridges(MininetNetwork net) {
    String prefix = net.description().get("prefix").asText();
    List<String> out = new ArrayList<>();
    net.description().get("switches").fieldNames().forEachRemaining(s -> out.add(prefix + s));
    out.sort(java.util.Comparator.naturalOrder());
    return out;
  }

  /** The member the switch reports as its master. */
  Optional<NetServCluster.Member> masterOf(String bridge) {
    return SwitchRoles.master(bridge).map(cluster::byTarget);
  }

  List<NetServCluster.Member> running() {
    return cluster.members().stream().filter(m -> m.process().alive()).toList();
  }

  /** A REST read from a member, as JSON; an empty object when it does not answer. */
  JsonNode get(NetServCluster.Member member, String path) {
    try {
      HttpResponse<String> r = new RestClient(member.restBase()).get(path);
      return r.statusCode() == 200 ? JSON.readTree(r.body()) : JSON.createObjectNode();
    } catch (Exception e) {
      return JSON.createObjectNode();
    }
  }

  /** A write to a member with the operator's token. */
  HttpResponse<String> send(NetServCluster.Member member, String method, String path, String body) throws Exception {
    return new RestClient(member.restBase()).send(method, path, body, ServiceNodes.OPERATOR_TOKEN);
  }

  /** What alice's containers on a node run, as some running member last heard from its agent. */
  List<String> modulesOn(String node) {
    for (NetServCluster.Member m : running()) {
      JsonNode agent = get(m, "/netserv/v1/nodes/" + node).path("agent");
      if (agent.path("connected").asBoolean()) {
        List<String> out = new ArrayList<>();
        agent.path("containers").forEach(c -> c.path("modules")
            .forEach(mod -> out.add(c.path("user").asText() + ":" + mod.path("name").asText())));
        return out;
      }
    }
    return List.of();
  }

  @Override
  public void close() throws Exception {
    try (EtcdCluster last = etcd; ServiceNodes nodesLast = serviceNodes) {
      cluster.close();
    }
  }
}
