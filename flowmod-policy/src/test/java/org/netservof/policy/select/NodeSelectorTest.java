package org.netservof.policy.select;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Consistent hashing over 100,000 synthetic flows: what moves when the pool changes. */
class NodeSelectorTest {
  private static final int FLOWS = 100_000;

  record Node(String id, int weight) {}

  @Test
  void flowsSpreadEvenlyOverEqualNodes() {
    Map<String, Integer> counts = count(List.of(node("n1"), node("n2"), node("n3"), node("n4")));
    for (int c : counts.values()) {
      assertThat(c).isBetween((int) (FLOWS / 4 * 0.95), (int) (FLOWS / 4 * 1.05));
    }
  }

  @Test
  void weightsSetTheShares() {
    Map<String, Integer> counts = count(List.of(new Node("small", 1), new Node("big", 3)));
    assertThat(counts.get("big") / (double) FLOWS).isBetween(0.73, 0.77);
  }

  @Test
  void removingANodeMovesOnlyItsFlows() {
    List<Node> before = List.of(node("n1"), node("n2"), node("n3"), node("n4"));
    List<Node> after = List.of(node("n1"), node("n2"), node("n4"));
    int movedOthers = 0;
    int movedFromRemoved = 0;
    for (long flow = 0; flow < FLOWS; flow++) {
      String was = pick(before, flow);
      String now = pick(after, flow);
      if (was.equals("n3")) {
        movedFromRemoved++;
      } else if (!was.equals(now)) {
        movedOthers++;
      }
    }
    assertThat(movedOthers).as("flows of surviving nodes that moved").isZero();
    assertThat(movedFromRemoved).isBetween((int) (FLOWS / 4 * 0.95), (int) (FLOWS / 4 * 1.05));
  }

  @Test
  void addingANodeMovesAboutOneNthAndOnlyToTheNewNode() {
    List<Node> before = List.of(node("n1"), node("n2"), node("n3"), node("n4"));
    List<Node> after = new ArrayList<>(before);
    after.add(node("n5"));
    int moved = 0;
    for (long flow = 0; flow < FLOWS; flow++) {
      String was = pick(before, flow);
      String now = pick(after, flow);
      if (!was.equals(now)) {
        assertThat(now).as("a flow that moves goes to the new node").isEqualTo("n5");
        moved++;
      }
    }
    assertThat(moved / (double) FLOWS).isBetween(0.19, 0.21); // 1/5
  }

  @Test
  void theChoiceDependsOnlyOnTheFlowAndTheSetNotTheOrder() {
    List<Node> a = List.of(node("n1"), node("n2"), node("n3"));
    List<Node> b = List.of(node("n3"), node("n1"), node("n2"));
    for (long flow = 0; flow < 1000; flow++) {
      assertThat(pick(a, flow)).isEqualTo(pick(b, flow));
    }
  }

  @Test
  void noCandidatesNoChoice() {
    assertThat(NodeSelector.pick(List.<Node>of(), Node::id, Node::weight, 1)).isEmpty();
  }

  private static Node node(String id) {
    return new Node(id, 1);
  }

  private static String pick(List<Node> nodes, long flow) {
    return NodeSelector.pick(nodes, Node::id, Node::weight, FlowHash.of(flow)).orElseThrow().id();
  }

  private static Map<String, Integer> count(List<Node> nodes) {
    Map<String, Integer> counts = new HashMap<>();
    for (long flow = 0; flow < FLOWS; flow++) {
      counts.merge(pick(nodes, flow), 1, Integer::sum);
    }
    return counts;
  }
}
