package org.netservof.bridge.nodes;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.netservof.bridge.api.AgentListener;
import org.netservof.bridge.api.ModuleReport;
import org.netservof.bridge.store.BridgeStores;
import org.netservof.controller.store.MemoryStoreService;
import org.netservof.protocol.node.ChannelMessage;
import org.netservof.protocol.node.ReportLimits;

class PublishedReportsTest {
  private static final Instant NOW = Instant.parse("2026-12-05T16:00:00Z");
  private final InstalledModules installed = new InstalledModules(BridgeStores.deployments(new MemoryStoreService()));
  private final List<ModuleReport> told = new ArrayList<>();
  private final PublishedReports reports = new PublishedReports(installed, Clock.fixed(NOW, ZoneOffset.UTC),
      List.of(new AgentListener() {
        @Override
        public void agentSynced(String nodeId, Map<String, List<String>> running) {}

        @Override
        public void moduleReported(ModuleReport report) {
          told.add(report);
        }
      }));

  @Test
  void theLatestReportOfEachNodeIsKeptAndTold() {
    installed.installing("n1", "alice", "mon_1.0");
    installed.installing("n2", "alice", "mon_1.0");
    reports.received("n1", new ChannelMessage.ModuleReport("alice", "mon_1.0", Map.of("packets", 1)));
    reports.received("n1", new ChannelMessage.ModuleReport("alice", "mon_1.0", Map.of("packets", 2)));
    reports.received("n2", new ChannelMessage.ModuleReport("alice", "mon_1.0", Map.of("packets", 7)));
    assertThat(reports.latest("alice", "mon_1.0")).containsOnlyKeys("n1", "n2");
    assertThat(reports.latest("alice", "mon_1.0").get("n1").report()).isEqualTo(Map.of("packets", 2));
    assertThat(told).hasSize(3);
    reports.forget("n1", "alice", "mon_1.0");
    assertThat(reports.latest("alice", "mon_1.0")).containsOnlyKeys("n2");
  }

  @Test
  void aNodeCannotSpeakForAModuleOrUserItWasNotGivenNorSendAnOversizedReport() {
    installed.installing("n1", "alice", "mon_1.0");
    reports.received("n2", new ChannelMessage.ModuleReport("alice", "mon_1.0", Map.of("forged", true)));
    reports.received("n1", new ChannelMessage.ModuleReport("bob", "mon_1.0", Map.of("forged", true)));
    reports.received("n1", new ChannelMessage.ModuleReport("alice", "other_1.0", Map.of("forged", true)));
    reports.received("n1", new ChannelMessage.ModuleReport(null, null, Map.of("forged", true)));
    reports.received("n1", new ChannelMessage.ModuleReport("alice", "mon_1.0",
        Map.of("blob", "x".repeat(ReportLimits.MAX_BYTES))));
    assertThat(reports.latest("alice", "mon_1.0")).isEmpty();
    assertThat(reports.latest("bob", "mon_1.0")).isEmpty();
    assertThat(told).isEmpty();
  }

  @Test
  void aNodeThatFloodsReportsForItsOwnModuleIsHeldToTheModulesLimitHereToo() {
    installed.installing("n1", "alice", "mon_1.0");
    for (int i = 0; i < 1000; i++) {
      reports.received("n1", new ChannelMessage.ModuleReport("alice", "mon_1.0", Map.of("packets", i)));
    }
    // The clock stands still: the burst, and nothing more (a node is authenticated, not trusted to limit).
    assertThat(told).hasSize(ReportLimits.BURST);
  }
}
