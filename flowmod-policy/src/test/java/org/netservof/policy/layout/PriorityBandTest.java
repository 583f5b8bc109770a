package org.netservof.policy.layout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PriorityBandTest {

  @Test
  void bandsAreDisjointAndOrderedAsDeclared() {
    PriorityBand[] bands = PriorityBand.values();
    for (int i = 1; i < bands.length; i++) {
      assertThat(bands[i].lowest()).as("%s above %s", bands[i], bands[i - 1]).isGreaterThan(bands[i - 1].highest());
    }
  }

  @Test
  void controlCaptureBeatsGuardBeatsReturnBeatsSteeringBeatsForwardingBeatsTableMiss() {
    assertThat(PriorityBand.CONTROL_CAPTURE.lowest()).isGreaterThan(PriorityBand.EDGE_GUARD.highest());
    assertThat(PriorityBand.EDGE_GUARD.lowest()).isGreaterThan(PriorityBand.RETURN_FROM_NODE.highest());
    assertThat(PriorityBand.RETURN_FROM_NODE.lowest()).isGreaterThan(PriorityBand.STEERING.highest());
    assertThat(PriorityBand.STEERING.lowest()).isGreaterThan(PriorityBand.FORWARDING.highest());
    assertThat(PriorityBand.FORWARDING.lowest()).isGreaterThan(PriorityBand.TABLE_MISS.highest());
  }

  @Test
  void priorityStaysInsideItsBand() {
    assertThat(PriorityBand.STEERING.priority(5)).isEqualTo(20_005);
    assertThat(PriorityBand.STEERING.contains(PriorityBand.STEERING.priority(9_999))).isTrue();
    assertThatThrownBy(() -> PriorityBand.STEERING.priority(10_000)).hasMessageContaining("STEERING");
    assertThatThrownBy(() -> PriorityBand.FORWARDING.priority(-1)).hasMessageContaining("FORWARDING");
  }

  @Test
  void everyBandFitsTheSixteenBitPriorityField() {
    for (PriorityBand band : PriorityBand.values()) {
      assertThat(band.highest()).isLessThanOrEqualTo(0xffff);
    }
  }
}
