package org.netservof.node.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.netservof.protocol.node.ChannelMessage;
import org.netservof.protocol.node.ContainerMessage;
import org.netservof.protocol.node.ReportLimits;

class ModuleReportsTest {
  private final ModuleReports reports = new ModuleReports();

  @Test
  void aContainerCannotPublishForAModuleItDoesNotRun() {
    assertThat(reports.admit("alice", Set.of("mon_1"), new ContainerMessage.Report("bobs_1", Map.of("x", 1)), 0))
        .isEmpty();
    assertThat(reports.admit("alice", Set.of("mon_1"), new ContainerMessage.Report(null, Map.of("x", 1)), 0))
        .isEmpty();
    assertThat(reports.admit("alice", Set.of("mon_1"), new ContainerMessage.Report("mon_1", Map.of("x", 1)), 0))
        .contains(new ChannelMessage.ModuleReport("alice", "mon_1", Map.of("x", 1)));
  }

  @Test
  void aContainerThatIgnoresItsLimitsIsHeldToThemHere() {
    int passed = 0;
    for (int i = 0; i < 10_000; i++) {
      if (reports.admit("alice", Set.of("mon_1"), new ContainerMessage.Report("mon_1", Map.of("i", i)), 0)
          .isPresent()) {
        passed++;
      }
    }
    assertThat(passed).isEqualTo(ReportLimits.BURST);
    assertThat(reports.admit("alice", Set.of("mon_1"),
        new ContainerMessage.Report("mon_1", Map.of("blob", "x".repeat(ReportLimits.MAX_BYTES))),
        10 * ReportLimits.INTERVAL_NANOS)).isEmpty();
    // another user's module has its own bucket
    assertThat(reports.admit("bob", Set.of("mon_1"), new ContainerMessage.Report("mon_1", Map.of("i", 0)), 0))
        .isPresent();
  }
}
