package org.netservof.controller.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.graph.GraphBuilder;
import com.google.common.graph.MutableGraph;
import org.junit.jupiter.api.Test;

class TopologicalSortTest {

  @Test
  void everyEdgePointsForwardAndTiesGoByName() throws Exception {
    MutableGraph<String> g = GraphBuilder.directed().build();
    g.putEdge("c", "a");
    g.putEdge("d", "b");
    g.addNode("e");
    assertThat(TopologicalSort.sort(g)).containsExactly("c", "a", "d", "b", "e");
  }

  @Test
  void aCycleIsReportedAsItsPath() {
    MutableGraph<String> g = GraphBuilder.directed().allowsSelfLoops(true).build();
    g.putEdge("x", "a");
    g.putEdge("a", "b");
    g.putEdge("b", "c");
    g.putEdge("c", "a");
    assertThatThrownBy(() -> TopologicalSort.sort(g)).hasMessage("cycle: a -> b -> c -> a");
  }

  @Test
  void aSelfLoopIsACycle() {
    MutableGraph<String> g = GraphBuilder.directed().allowsSelfLoops(true).build();
    g.putEdge("a", "a");
    assertThatThrownBy(() -> TopologicalSort.sort(g)).hasMessage("cycle: a -> a");
  }
}
