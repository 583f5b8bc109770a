package org.netservof.bridge.steering;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.netservof.bridge.store.BridgeStores;
import org.netservof.controller.api.store.StoreService;
import org.netservof.controller.store.MemoryStoreService;
import org.netservof.controller.testing.AtOnce;
import org.netservof.policy.filter.PortRange;

/**
 * Marks handed out by the members of a cluster over one store: each target gets one mark everywhere, and no
 * mark is given to two targets. Before marks were claimed in the store, each member allocated from the copy it
 * read at start, and two members gave different containers the same VLAN id.
 */
class MarkTableTest {
  private static final PortRange RANGE = PortRange.parse("3000-3999");

  @Test
  void twoMembersAllocatingAtOnceGiveEachTargetOneMarkAndNoMarkTwice() throws Exception {
    StoreService shared = new MemoryStoreService();
    List<MarkTable> members = List.of(new MarkTable(RANGE, BridgeStores.marks(shared)),
        new MarkTable(RANGE, BridgeStores.marks(shared)));
    Map<String, Integer> seen = new ConcurrentHashMap<>();
    List<AtOnce.Task> tasks = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      MarkTable member = members.get(t % 2);
      tasks.add(() -> {
        for (int i = 0; i < 50; i++) {
          MarkTable.Target target = new MarkTable.Target("n" + i, Optional.of("alice"));
          int mark = member.markOf(target);
          Integer earlier = seen.putIfAbsent(target.nodeId(), mark);
          assertThat(earlier == null ? mark : earlier).as("the mark of %s", target).isEqualTo(mark);
        }
      });
    }
    AtOnce.run(tasks);
    assertThat(seen).hasSize(50);
    assertThat(seen.values()).as("marks given out").doesNotHaveDuplicates();
  }

  @Test
  void aReleasedNodesMarksAreFreeAgainAndOthersKeepTheirs() throws Exception {
    MarkTable marks = new MarkTable(RANGE, BridgeStores.marks(new MemoryStoreService()));
    int n1 = marks.markOf(new MarkTable.Target("n1", Optional.empty()));
    int n2 = marks.markOf(new MarkTable.Target("n2", Optional.empty()));
    marks.release("n1");
    assertThat(marks.markOf(new MarkTable.Target("n2", Optional.empty()))).isEqualTo(n2);
    assertThat(marks.markOf(new MarkTable.Target("n3", Optional.empty()))).isEqualTo(n1);
  }
}
