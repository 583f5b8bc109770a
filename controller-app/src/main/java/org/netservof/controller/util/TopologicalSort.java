package org.netservof.controller.util;

import com.google.common.graph.Graph;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Orders the nodes of a directed graph so every edge points forward, choosing among ready nodes by their
 * natural order, so the result depends only on the graph, never on insertion order.
 */
public final class TopologicalSort {
  private TopologicalSort() {}

  /** A cycle that makes ordering impossible, as the path that closes it (first node repeated at the end). */
  public static final class CycleException extends Exception {
    private final List<?> cycle;

    CycleException(List<?> cycle) {
      super("cycle: " + String.join(" -> ", cycle.stream().map(String::valueOf).toList()));
      this.cycle = List.copyOf(cycle);
    }

    public List<?> cycle() {
      return cycle;
    }
  }

  /**
   * The nodes in an order where each edge's source comes before its target.
   *
   * @throws CycleException naming one cycle when there is no such order
   */
  public static <N extends Comparable<N>> List<N> sort(Graph<N> graph) throws CycleException {
    if (!graph.isDirected()) {
      throw new IllegalArgumentException("only directed graphs have a topological order");
    }
    Map<N, Integer> inDegree = new HashMap<>();
    TreeSet<N> ready = new TreeSet<>();
    for (N node : graph.nodes()) {
      int degree = graph.inDegree(node);
      inDegree.put(node, degree);
      if (degree == 0) {
        ready.add(node);
      }
    }
    List<N> order = new ArrayList<>(graph.nodes().size());
    while (!ready.isEmpty()) {
      N node = ready.pollFirst();
      order.add(node);
      for (N next : graph.successors(node)) {
        if (inDegree.merge(next, -1, Integer::sum) == 0) {
          ready.add(next);
        }
      }
    }
    if (order.size() < graph.nodes().size()) {
      throw new CycleException(findCycle(graph).orElseThrow());
    }
    return order;
  }

  private static <N extends Comparable<N>> Optional<List<N>> findCycle(Graph<N> graph) {
    Set<N> done = new HashSet<>();
    for (N start : new TreeSet<>(graph.nodes())) {
      Deque<N> path = new ArrayDeque<>();
      Optional<List<N>> cycle = visit(graph, start, path, new HashSet<>(), done);
      if (cycle.isPresent()) {
        return cycle;
      }
    }
    return Optional.empty();
  }

  private static <N extends Comparable<N>> Optional<List<N>> visit(Graph<N> graph, N node, Deque<N> path,
      Set<N> onPath, Set<N> done) {
    if (onPath.contains(node)) {
      List<N> cycle = new ArrayList<>();
      boolean in = false;
      for (N n : path) {
        in |= n.equals(node);
        if (in) {
          cycle.add(n);
        }
      }
      cycle.add(node);
      return Optional.of(cycle);
    }
    if (!done.add(node)) {
      return Optional.empty();
    }
    path.addLast(node);
    onPath.add(node);
    for (N next : new TreeSet<>(graph.successors(node))) {
      Optional<List<N>> cycle = visit(graph, next, path, onPath, done);
      if (cycle.isPresent()) {
        return cycle;
      }
    }
    path.removeLast();
    onPath.remove(node);
    return Optional.empty();
  }
}
