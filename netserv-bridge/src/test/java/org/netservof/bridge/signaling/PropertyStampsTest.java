package org.netservof.bridge.signaling;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PropertyStampsTest {
  private final PropertyStamps stamps = new PropertyStamps(30);

  @Test
  void onlyANewerStampRefusesAndTheNewestIsKept() {
    stamps.set("alice", "M_1", 100);
    stamps.set("alice", "M_1", 90);
    assertThat(stamps.newerThan("alice", "M_1", 95)).contains(100L);
    assertThat(stamps.newerThan("alice", "M_1", 100)).as("the same second cannot be ordered").isEmpty();
    assertThat(stamps.newerThan("bob", "M_1", 0)).isEmpty();
  }

  /** Many users' modules over time: stamps older than two windows make room; fresh ones are never dropped. */
  @Test
  void aFullTableDropsOnlyStampsNoSetupCanBeOlderThan() {
    for (int i = 0; i < 16_384; i++) {
      stamps.set("user" + i, "M_1", i < 100 ? 1000 : 1100);
    }
    stamps.set("late", "M_1", 1061);
    assertThat(stamps.newerThan("late", "M_1", 1060)).as("room made by the 100 stamps of t=1000").contains(1061L);
    assertThat(stamps.newerThan("user0", "M_1", 999)).isEmpty();
    assertThat(stamps.newerThan("user200", "M_1", 1099)).as("a fresh stamp kept").contains(1100L);
    for (int i = 0; i < 200; i++) {
      stamps.set("flood" + i, "M_1", 1100);
    }
    assertThat(stamps.newerThan("user16000", "M_1", 1099)).as("a full table of fresh stamps keeps them all")
        .contains(1100L);
  }
}
