package org.netservof.controller.statistics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.netservof.controller.testing.FakeClock;
import org.netservof.controller.testing.FakeSwitch;
import org.netservof.controller.testing.FakeSwitchService;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFPortStatsReply;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.types.OFPort;
import org.projectfloodlight.openflow.types.U64;

class StatisticsManagerTest {
  private final OFFactory f = OFFactories.getFactory(OFVersion.OF_13);
  private final FakeClock clock = new FakeClock();
  private final FakeSwitch sw = new FakeSwitch(1, OFVersion.OF_13, 2);
  private final StatisticsManager manager = new StatisticsManager(new FakeSwitchService().add(sw), clock, true);

  private List<OFPortStatsReply> counters(long rxBytes, long txBytes) {
    return List.of(f.buildPortStatsReply().setEntries(List.of(f.buildPortStatsEntry().setPortNo(OFPort.of(1))
        .setRxBytes(U64.of(rxBytes)).setTxBytes(U64.of(txBytes)).build())).build());
  }

  @Test
  void aPortHasNoBandwidthUntilItsSecondRead() {
    manager.record(sw, counters(100, 100));

    assertThat(manager.bandwidth()).isEmpty();
    assertThat(manager.bandwidth(sw.id(), OFPort.of(1))).isEmpty();
  }

  @Test
  void twoReadsGiveTheRateOverTheTimeBetweenThem() {
    manager.record(sw, counters(0, 1_000));
    clock.advance(Duration.ofSeconds(10));
    manager.record(sw, counters(125_000, 1_000));

    assertThat(manager.bandwidth(sw.id(), OFPort.of(1))).hasValueSatisfying(b -> {
      assertThat(b.rxBitsPerSecond()).isEqualTo(100_000);
      assertThat(b.txBitsPerSecond()).isZero();
      assertThat(b.updated()).isEqualTo(clock.instant());
    });
    assertThat(manager.bandwidth()).hasSize(1);
  }

  @Test
  void turningCollectionOffForgetsWhatWasMeasuredAndIgnoresLateAnswers() {
    manager.record(sw, counters(0, 0));
    clock.advance(Duration.ofSeconds(1));
    manager.record(sw, counters(10, 10));

    manager.collect(false);
    manager.record(sw, counters(20, 20));

    assertThat(manager.collecting()).isFalse();
    assertThat(manager.bandwidth()).isEmpty();
    manager.collect(true);
    clock.advance(Duration.ofSeconds(1));
    manager.record(sw, counters(30, 30));
    assertThat(manager.bandwidth()).as("no rate across the time collection was off").isEmpty();
  }
}
