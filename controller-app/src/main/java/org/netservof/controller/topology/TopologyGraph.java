package org.netservof.controller.topology;

import com.google.common.graph.ImmutableNetwork;
import com.google.common.graph.MutableNetwork;
import com.google.common.graph.NetworkBuilder;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.netservof.controller.api.fabric.Topology;
import org.netservof.policy.fabric.Hop;
import org.netservof.policy.fabric.Link;
import org.netservof.policy.fabric.Path;
import org.netservof.policy.fabric.SwitchPort;
import org.projectfloodlight.openflow.types.DatapathId;

/**
 * One immutable topology snapshot and the algorithms over it: cheapest paths (Dijkstra over link weights,
 * all equal-cost ones kept in a fixed order), the choice among them by flow hash, islands, and a spanning
 * tree per island (breadth-first from its lowest DPID over links seen in both directions) that broadcast
 * follows. Pure: built from values, reads no clock, safe to share between threads.
 */
public final class TopologyGraph implements Topology {
  private final Instant computedAt;
  private final ImmutableNetwork<DatapathId, Link> network;
  private final Map<SwitchPort, Long> weights;
  private final int maxPaths;
  private final Set<SwitchPort> linkPorts;
  private final Set<SwitchPort> edgePorts;
  private final Set<SwitchPort> servicePorts;
  private final Set<Link> treeLinks;
  private final Set<SwitchPort> treePorts;
  private final List<Set<DatapathId>> islands;
  private final Map<List<DatapathId>, List<List<Link>>> pathCache = new ConcurrentHashMap<>();

  /**
   * @param ports every usable port of every connected switch
   * @param links directed links; links touching an unknown switch are ignored
   * @param quarantined ports too new to be trusted as edge ports
   * @param servicePorts ports where service nodes attach
   */
  public TopologyGraph(Instant computedAt, Map<DatapathId, Set<SwitchPort>> ports, Set<Link> links,
      Set<SwitchPort> quarantined, Set<SwitchPort> servicePorts, Map<SwitchPort, Long> weights, int maxPaths) {
    this.computedAt = computedAt;
    this.weights = Map.copyOf(weights);
    this.maxPaths = maxPaths;
    MutableNetwork<DatapathId, Link> net = NetworkBuilder.directed().allowsParallelEdges(true)
        .allowsSelfLoops(false).build();
    ports.keySet().forEach(net::addNode);
    for (Link link : new TreeSet<>(links)) {
      if (ports.containsKey(link.src().dpid()) && ports.containsKey(link.dst().dpid())
          && !link.src().dpid().equals(link.dst().dpid())) {
        net.addEdge(link.src().dpid(), link.dst().dpid(), link);
      }
    }
    this.network = ImmutableNetwork.copyOf(net);
    Set<SwitchPort> lp = new HashSet<>();
    network.edges().forEach(l -> {
      lp.add(l.src());
      lp.add(l.dst());
    });
    this.linkPorts = Set.copyOf(lp);
    Set<SwitchPort> edge = new TreeSet<>();
    ports.values().forEach(edge::addAll);
    edge.removeAll(linkPorts);
    edge.removeAll(quarantined);
    edge.removeAll(servicePorts);
    this.edgePorts = Collections.unmodifiableSet(edge);
    this.servicePorts = Set.copyOf(servicePorts);
    this.islands = computeIslands();
    this.treeLinks = computeTree();
    Set<SwitchPort> tp = new HashSet<>();
    treeLinks.forEach(l -> tp.add(l.src()));
    this.treePorts = Set.copyOf(tp);
  }

  @Override
  public Instant computedAt() {
    return computedAt;
  }

  @Override
  public Set<DatapathId> switches() {
    return network.nodes();
  }

  @Override
  public Set<Link> links() {
    return network.edges();
  }

  @Override
  public Set<SwitchPort> edgePorts() {
    return edgePorts;
  }

  @Override
  public Set<SwitchPort> servicePorts() {
    return servicePorts;
  }

  @Override
  public boolean isLinkPort(SwitchPort port) {
    return linkPorts.contains(port);
  }

  @Override
  public Set<SwitchPort> broadcastPorts(DatapathId dpid) {
    Set<SwitchPort> out = new TreeSet<>();
    for (SwitchPort p : edgePorts) {
      if (p.dpid().equals(dpid)) {
        out.add(p);
      }
    }
    for (SwitchPort p : treePorts) {
      if (p.dpid().equals(dpid)) {
        out.add(p);
      }
    }
    return out;
  }

  @Override
  public boolean isBroadcastPort(SwitchPort port) {
    return edgePorts.contains(port) || treePorts.contains(port);
  }

  @Override
  public Set<SwitchPort> blockedPorts() {
    Set<SwitchPort> blocked = new TreeSet<>(linkPorts);
    blocked.removeAll(treePorts);
    return blocked;
  }

  @Override
  public Set<Link> treeLinks() {
    return treeLinks;
  }

  @Override
  public List<Set<DatapathId>> islands() {
    return islands;
  }

  @Override
  public List<Path> paths(DatapathId from, DatapathId to) {
    if (!network.nodes().contains(from) || !network.nodes().contains(to)) {
      return List.of();
    }
    return linkPaths(from, to).stream().map(links -> toPath(links, null, null)).toList();
  }

  @Override
  public Optional<Path> route(SwitchPort from, SwitchPort to, long flowHash) {
    if (!network.nodes().contains(from.dpid()) || !network.nodes().contains(to.dpid())) {
      return Optional.empty();
    }
    if (from.dpid().equals(to.dpid())) {
      return Optional.of(new Path(List.of(new Hop(from.dpid(), from.port(), to.port())), 0));
    }
    List<List<Link>> candidates = linkPaths(from.dpid(), to.dpid());
    if (candidates.isEmpty()) {
      return Optional.empty();
    }
    List<Link> chosen = candidates.get((int) Math.floorMod(flowHash, (long) candidates.size()));
    return Optional.of(toPath(chosen, from, to));
  }

  /** The cost of the link leaving {@code port}. */
  private long weight(Link link) {
    return weights.getOrDefault(link.src(), 1L);
  }

  private Path toPath(List<Link> links, SwitchPort from, SwitchPort to) {
    List<Hop> hops = new ArrayList<>(links.size() + 1);
    long cost = 0;
    for (int i = 0; i <= links.size(); i++) {
      SwitchPort in = i == 0 ? from : links.get(i - 1).dst();
      SwitchPort out = i == links.size() ? to : links.get(i).src();
      DatapathId dpid = i == links.size() ? links.get(i - 1).dst().dpid() : links.get(i).src().dpid();
      hops.add(new Hop(dpid, in != null ? in.port() : org.projectfloodlight.openflow.types.OFPort.LOCAL,
          out != null ? out.port() : org.projectfloodlight.openflow.types.OFPort.LOCAL));
      if (i < links.size()) {
        cost += weight(links.get(i));
      }
    }
    return new Path(hops, cost);
  }

  private List<List<Link>> linkPaths(DatapathId from, DatapathId to) {
    return pathCache.computeIfAbsent(List.of(from, to), k -> computeLinkPaths(from, to));
  }

  /** Dijkstra from {@code from}, then every cheapest path to {@code to}, ordered by their links. */
  private List<List<Link>> computeLinkPaths(DatapathId from, DatapathId to) {
    Map<DatapathId, Long> dist = new HashMap<>();
    PriorityQueue<Map.Entry<DatapathId, Long>> queue = new PriorityQueue<>(Map.Entry.comparingByValue());
    dist.put(from, 0L);
    queue.add(Map.entry(from, 0L));
    while (!queue.isEmpty()) {
      Map.Entry<DatapathId, Long> head = queue.poll();
      if (head.getValue() > dist.get(head.getKey())) {
        continue;
      }
      for (Link link : network.outEdges(head.getKey())) {
        long d = head.getValue() + weight(link);
        DatapathId next = link.dst().dpid();
        if (d < dist.getOrDefault(next, Long.MAX_VALUE)) {
          dist.put(next, d);
          queue.add(Map.entry(next, d));
        }
      }
    }
    if (!dist.containsKey(to) || from.equals(to)) {
      return List.of();
    }
    // Walk back from the destination along links that lie on some cheapest path.
    List<List<Link>> found = new ArrayList<>();
    collect(to, from, dist, new ArrayDeque<>(), found);
    found.sort(Comparator.comparing(TopologyGraph::pathKey));
    return List.copyOf(found.subList(0, Math.min(found.size(), maxPaths)));
  }

  private void collect(DatapathId at, DatapathId from, Map<DatapathId, Long> dist, Deque<Link> suffix,
      List<List<Link>> found) {
    if (found.size() >= maxPaths * 4) {
      return;
    }
    if (at.equals(from)) {
      found.add(List.copyOf(suffix));
      return;
    }
    for (Link link : new TreeSet<>(network.inEdges(at))) {
      DatapathId prev = link.src().dpid();
      Long d = dist.get(prev);
      if (d != null && d + weight(link) == dist.get(at)) {
        suffix.addFirst(link);
        collect(prev, from, dist, suffix, found);
        suffix.removeFirst();
      }
    }
  }

  private static String pathKey(List<Link> links) {
    StringBuilder key = new StringBuilder();
    for (Link l : links) {
      key.append(String.format("%016x%08x", l.src().dpid().getLong(), l.src().port().getPortNumber()));
    }
    return key.toString();
  }

  private List<Set<DatapathId>> computeIslands() {
    Set<DatapathId> seen = new HashSet<>();
    List<Set<DatapathId>> out = new ArrayList<>();
    for (DatapathId start : new TreeSet<>(network.nodes())) {
      if (seen.contains(start)) {
        continue;
      }
      Set<DatapathId> island = new TreeSet<>();
      Deque<DatapathId> todo = new ArrayDeque<>(List.of(start));
      while (!todo.isEmpty()) {
        DatapathId d = todo.pop();
        if (seen.add(d)) {
          island.add(d);
          todo.addAll(network.adjacentNodes(d));
        }
      }
      out.add(Collections.unmodifiableSet(island));
    }
    return List.copyOf(out);
  }

  /** Breadth-first from each island's lowest DPID over links present in both directions; lowest link first. */
  private Set<Link> computeTree() {
    Set<Link> tree = new TreeSet<>();
    for (Set<DatapathId> island : islands) {
      DatapathId root = island.iterator().next();
      Set<DatapathId> reached = new HashSet<>(List.of(root));
      Deque<DatapathId> todo = new ArrayDeque<>(List.of(root));
      while (!todo.isEmpty()) {
        DatapathId d = todo.poll();
        for (Link link : new TreeSet<>(network.outEdges(d))) {
          DatapathId next = link.dst().dpid();
          if (!reached.contains(next) && network.edges().contains(link.reverse())) {
            reached.add(next);
            tree.add(link);
            tree.add(link.reverse());
            todo.add(next);
          }
        }
      }
    }
    return Collections.unmodifiableSet(tree);
  }

  /** Structural equality: same switches, links, edge ports and tree; used to skip empty change events. */
  boolean sameShape(TopologyGraph other) {
    return network.nodes().equals(other.network.nodes()) && network.edges().equals(other.network.edges())
        && edgePorts.equals(other.edgePorts) && treeLinks.equals(other.treeLinks)
        && servicePorts.equals(other.servicePorts);
  }

  @Override
  public String toString() {
    return "Topology[" + network.nodes().size() + " switches, " + network.edges().size() + " links, "
        + edgePorts.size() + " edge ports, " + islands.size() + " islands]";
  }
}
