package org.netservof.policy.select;

import java.util.Collection;
import java.util.Optional;
import java.util.function.ToIntFunction;
import java.util.function.Function;

/**
 * Weighted rendezvous (highest random weight) hashing: each flow scores every candidate node with a hash of
 * both, scaled by the node's weight, and goes to the highest score. Removing a node moves only the flows
 * that scored it highest; adding one takes from each of the others in proportion to its weight (about 1/N
 * of the flows for equal weights). No state, no ring to rebuild.
 *
 * <p>The weighting follows Schindelhauer and Schomaker: score = -weight / ln(u), with u the hash mapped
 * into (0, 1); the chance a node wins is its share of the total weight.
 */
public final class NodeSelector {
  private NodeSelector() {}

  /**
   * The node a flow goes to.
   *
   * @param candidates the healthy nodes; empty gives empty
   * @param id a node's stable identity
   * @param weight a node's capacity weight, at least 1
   * @param flowHash the flow's hash
   */
  public static <N> Optional<N> pick(Collection<N> candidates, Function<N, String> id, ToIntFunction<N> weight,
      long flowHash) {
    N best = null;
    double bestScore = Double.NEGATIVE_INFINITY;
    String bestId = null;
    for (N node : candidates) {
      String nodeId = id.apply(node);
      double score = score(FlowHash.of(flowHash, FlowHash.of(nodeId)), Math.max(1, weight.applyAsInt(node)));
      if (score > bestScore || score == bestScore && nodeId.compareTo(bestId) < 0) {
        best = node;
        bestScore = score;
        bestId = nodeId;
      }
    }
    return Optional.ofNullable(best);
  }

  private static double score(long hash, int weight) {
    // 53 random bits as a double in (0, 1): never 0 (ln 0) and never 1 (ln 1 = 0).
    double u = ((hash >>> 11) + 0.5) / (double) (1L << 53);
    return -weight / Math.log(u);
  }
}
