package org.netservof.protocol.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportLimitsTest {
  private final ReportLimits limits = new ReportLimits();

  @Test
  void aBurstThenOneASecond() {
    for (int i = 0; i < ReportLimits.BURST; i++) {
      assertThat(limits.refuse(Map.of("i", i), 0)).isEmpty();
    }
    assertThat(limits.refuse(Map.of("i", 99), 0)).get().asString().contains("one a second");
    assertThat(limits.refuse(Map.of("i", 99), ReportLimits.INTERVAL_NANOS / 2)).isPresent();
    assertThat(limits.refuse(Map.of("i", 99), ReportLimits.INTERVAL_NANOS + 1)).isEmpty();
    assertThat(limits.dropped()).isEqualTo(2);
  }

  @Test
  void oversizedAndUnwritableReportsAreRefusedWithoutSpendingTheBucket() {
    assertThat(limits.refuse(Map.of("blob", "x".repeat(ReportLimits.MAX_BYTES)), 0)).get().asString()
        .contains("over the limit of " + ReportLimits.MAX_BYTES);
    assertThat(limits.refuse(Map.of("thread", new Object()), 0)).get().asString().contains("not JSON");
    assertThat(limits.refuse(null, 0)).isPresent();
    for (int i = 0; i < ReportLimits.BURST; i++) {
      assertThat(limits.refuse(Map.of("i", i), 0)).isEmpty();
    }
  }

  @Test
  void theNewMessagesTravelAsJson() throws Exception {
    ChannelMessage update = new ChannelMessage.Update(7, "alice", "mon_1", Map.of("threshold", "9"));
    assertThat(Json.read(Json.line(update), ChannelMessage.class)).isEqualTo(update);
    ChannelMessage report = new ChannelMessage.ModuleReport("alice", "mon_1", Map.of("packets", 3));
    assertThat(Json.read(Json.line(report), ChannelMessage.class)).isEqualTo(report);
    ContainerMessage c = new ContainerMessage.Report("mon_1", Map.of("packets", 3));
    assertThat(Json.read(Json.line(c), ContainerMessage.class)).isEqualTo(c);
  }
}
