package org.netservof.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ForeignLoadTest {
  @Test
  void readsACommandNameWithSpacesAndParentheses() {
    ForeignLoad.Proc p = ForeignLoad.parse("4242 (my (odd) name) S 17 4242 17 0 -1 4194560 100 0 0 0 "
        + "250 50 7 3 20 0 1 0 123456 1000000 200 18446744073709551615 0 0 0 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0");
    assertThat(p.pid()).isEqualTo(4242);
    assertThat(p.ppid()).isEqualTo(17);
    assertThat(p.comm()).isEqualTo("my (odd) name");
    assertThat(p.cpuTicks()).isEqualTo(250 + 50 + 7 + 3);
    assertThat(p.startTicks()).isEqualTo(123456);
    ForeignLoad.Proc init = ForeignLoad.parse("1 (init) S 0 1 1 0 -1 4194560 100 0 0 0 "
        + "250 50 9000 3000 20 0 1 0 5 1000000 200 18446744073709551615 0 0 0 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0");
    assertThat(init.cpuTicks()).as("orphans init reaped are not init's own").isEqualTo(300);
  }

  @Test
  void countsOnlyWhatForeignProcessesUsedBetweenSnapshots() {
    ForeignLoad load = new ForeignLoad(1, 100.0);
    ForeignLoad.Snapshot start = new ForeignLoad.Snapshot(Map.of("10@5", 1000L, "11@6", 50L), 0);
    // 10 used 100 ticks more, 11 ended, 12 started during the run and used 50: 1.5 s of CPU in 2 s.
    ForeignLoad.Snapshot end = new ForeignLoad.Snapshot(Map.of("10@5", 1100L, "12@900", 50L), 2_000_000_000L);
    assertThat(load.coresBetween(start, end)).isEqualTo(0.75);
  }

  @Test
  void seesThisMachinesProcessesAndLeavesItselfOut() {
    ForeignLoad load = ForeignLoad.ofThisProcess();
    ForeignLoad.Snapshot s = load.snapshot();
    assertThat(s.foreignTicks()).isNotEmpty();
    assertThat(s.foreignTicks().keySet()).noneMatch(k -> k.startsWith(ProcessHandle.current().pid() + "@"));
  }
}
