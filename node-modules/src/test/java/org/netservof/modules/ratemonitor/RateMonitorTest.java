package org.netservof.modules.ratemonitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.netservof.node.api.Packet;
import org.netservof.node.api.Verdict;
import org.netservof.node.testing.Frames;
import org.netservof.node.testing.TestContext;

class RateMonitorTest {
  private static final long MS = 1_000_000L;

  private final RateMonitor monitor = new RateMonitor();
  private TestContext context = new TestContext(Map.of("window-ms", "1000", "warn", "20", "alarm", "50"));

  private void send(String source, int packets) {
    send(Frames.udp(source, "10.0.0.9", 64), packets);
  }

  private void send(byte[] frame, int packets) {
    for (int i = 0; i < packets; i++) {
      assertThat(monitor.process(Packet.wrap(frame.clone(), frame.length), context)).isEqualTo(Verdict.FORWARD);
    }
  }

  /** One second of traffic at {@code perSlot * 10} packets a second: {@code perSlot} each 100 ms slot. */
  private void sendForASecond(String source, int perSlot) {
    for (int slot = 0; slot < SlidingCount.SLOTS; slot++) {
      context.advanceNanos(100 * MS);
      send(source, perSlot);
    }
  }

  @Test
  void measuresTheRateOverTheWindowAndMovesBetweenStates() {
    monitor.start(context);
    sendForASecond("10.0.0.1", 1);
    assertThat(monitor.report()).containsEntry("packets-per-second", 10L).containsEntry("state", "normal")
        .containsEntry("state-changes", 0L);
    sendForASecond("10.0.0.1", 3);
    assertThat(monitor.report()).containsEntry("packets-per-second", 30L).containsEntry("state", "warn");
    sendForASecond("10.0.0.1", 8);
    Map<String, Object> alarm = monitor.report();
    assertThat(alarm).containsEntry("packets-per-second", 80L).containsEntry("state", "alarm")
        .containsEntry("state-changes", 2L).containsEntry("forwarded", 120L);
    long frame = Frames.udp("10.0.0.1", "10.0.0.9", 64).length;
    assertThat(alarm).containsEntry("bytes-per-second", 80 * frame);
  }

  @Test
  void theStateFallsBackToNormalWhenTrafficStopsAndSaysSince() {
    monitor.start(context);
    send("10.0.0.1", 60);
    assertThat(monitor.report()).containsEntry("state", "alarm").containsEntry("state-age-ms", 0L);
    context.advanceNanos(400 * MS);
    assertThat(monitor.report()).containsEntry("state", "alarm").containsEntry("state-age-ms", 400L);
    context.advanceNanos(1500 * MS);
    assertThat(monitor.report()).containsEntry("packets-per-second", 0L).containsEntry("state", "normal")
        .containsEntry("state-age-ms", 0L).containsEntry("state-changes", 3L);
  }

  @Test
  void newThresholdsApplyAtOnce() {
    monitor.start(context);
    send("10.0.0.1", 30);
    assertThat(monitor.report()).containsEntry("state", "warn");
    monitor.update(new TestContext(Map.of("window-ms", "1000", "warn", "5", "alarm", "25")));
    assertThat(monitor.report()).containsEntry("state", "alarm").containsEntry("warn", 5L).containsEntry("alarm", 25L);
  }

  @Test
  void wrongThresholdsAndANewWindowAreRefusedAndTheOldOnesStay() {
    monitor.start(context);
    assertThatThrownBy(() -> monitor.update(new TestContext(Map.of("warn", "60", "alarm", "50"))))
        .hasMessageContaining("warn (60) must not be above alarm (50)");
    assertThatThrownBy(() -> monitor.update(new TestContext(Map.of("window-ms", "500", "alarm", "50"))))
        .hasMessageContaining("window-ms cannot change");
    assertThatThrownBy(() -> monitor.update(new TestContext(Map.of("alarm", "-1"))))
        .hasMessageContaining("alarm");
    assertThat(monitor.report()).containsEntry("warn", 20L).containsEntry("alarm", 50L);
  }

  @Test
  void topSourcesAreTheLoudestOfTheLastWindowsAndTheTableIsBounded() {
    context = new TestContext(Map.of("window-ms", "1000", "max-sources", "3"));
    monitor.start(context);
    send("10.0.0.1", 5);
    send("10.0.0.2", 9);
    send("10.0.0.3", 1);
    send("10.0.0.4", 7);
    Map<String, Object> report = monitor.report();
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> top = (List<Map<String, Object>>) report.get("top-sources");
    assertThat(top).extracting(row -> row.get("source")).containsExactly("10.0.0.2", "10.0.0.1", "10.0.0.3");
    assertThat(top.get(0)).containsEntry("packets", 9L);
    assertThat(report).containsEntry("untracked-source-packets", 7L);
    context.advanceNanos(2500 * MS);
    send("10.0.0.4", 2);
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> later = (List<Map<String, Object>>) monitor.report().get("top-sources");
    assertThat(later).as("sources silent for two windows are forgotten").extracting(row -> row.get("source"))
        .containsExactly("10.0.0.4");
  }

  @Test
  void framesThatAreNotIpv4AreCountedAndForwardedButNamedAsNoSource() {
    monitor.start(context);
    byte[] ipv6 = Frames.udp("10.0.0.1", "10.0.0.9", 64);
    ipv6[12] = (byte) 0x86;
    ipv6[13] = (byte) 0xdd;
    send(ipv6, 25);
    assertThat(monitor.report()).containsEntry("packets-per-second", 25L).containsEntry("state", "warn")
        .containsEntry("top-sources", List.of());
  }

  @Test
  void aRateHoveringAtAThresholdDoesNotFlapButTheStateIsLeftWhenTrafficStops() {
    monitor.start(context);
    sendForASecond("10.0.0.1", 5);
    assertThat(monitor.report()).containsEntry("state", "alarm").containsEntry("state-changes", 2L);
    sendForASecond("10.0.0.1", 5);
    assertThat(monitor.report()).as("50/s, dipping to 45 as each slot leaves the window: no flapping")
        .containsEntry("state", "alarm").containsEntry("state-changes", 2L);
    context.advanceNanos(1000 * MS);
    assertThat(monitor.report()).containsEntry("state", "normal").containsEntry("state-changes", 3L);
  }

  @Test
  void publishesNothingUnlessAskedTo() {
    monitor.start(context);
    sendForASecond("10.0.0.1", 8);
    assertThat(context.published()).isEmpty();
  }

  @Test
  void publishesAtMostEveryPublishMsAndAtOnceOnAStateChangeWithTheLoudestSourcesOnly() {
    context = new TestContext(Map.of("warn", "20", "alarm", "50", "publish-ms", "500", "publish-top", "2"));
    monitor.start(context);
    send("10.0.0.1", 1);
    assertThat(context.published()).as("the first packet is told").hasSize(1);
    send("10.0.0.2", 2);
    send("10.0.0.3", 3);
    assertThat(context.published()).as("within 500 ms and no change: nothing more").hasSize(1);
    send("10.0.0.3", 20);
    assertThat(context.published()).as("the move to warn is told at once").hasSize(2);
    assertThat(context.published().get(1)).containsEntry("state", "warn");
    send("10.0.0.3", 2);
    assertThat(context.published()).as("no change and within 500 ms: nothing").hasSize(2);
    context.advanceNanos(500 * MS);
    send("10.0.0.3", 1);
    Map<String, Object> last = context.published().get(2);
    assertThat(last).containsEntry("state", "warn").containsEntry("forwarded", 29L)
        .containsOnlyKeys("packets-per-second", "state", "warn", "alarm", "forwarded", "top-sources");
    assertThat(last.get("top-sources")).isEqualTo(List.of(Map.of("source", "10.0.0.3", "packets", 26L),
        Map.of("source", "10.0.0.2", "packets", 2L)));
    assertThat((List<?>) monitor.report().get("top-sources")).as("the pulled report keeps them all").hasSize(3);
  }

  @Test
  void publishingCanBeTurnedOnAndOffWhileItRunsAndABadValueChangesNothing() {
    monitor.start(context);
    monitor.update(new TestContext(Map.of("window-ms", "1000", "warn", "20", "alarm", "50", "publish-ms", "100")));
    send("10.0.0.1", 1);
    assertThat(context.published()).hasSize(1);
    assertThatThrownBy(() -> monitor.update(new TestContext(Map.of("publish-ms", "-5"))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("publish-ms");
    context.advanceNanos(100 * MS);
    send("10.0.0.1", 1);
    assertThat(context.published()).as("still publishing after the refused update").hasSize(2);
    monitor.update(new TestContext(Map.of("window-ms", "1000", "warn", "20", "alarm", "50", "publish-ms", "0")));
    context.advanceNanos(100 * MS);
    send("10.0.0.1", 1);
    assertThat(context.published()).hasSize(2);
  }
}
