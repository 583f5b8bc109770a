package org.netservof.controller.forwarding;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.projectfloodlight.openflow.types.MacAddress;

class FlowKeyTest {

  /**
   * MACs made of a switch byte and an index (the switch emulator's, cbench's, a lab's) fold onto a few
   * thousand values under Loxi's MacAddress hash; route keys built from them must still spread over a hash
   * table's buckets, or every PacketIn scans a bucket of thousands.
   */
  @Test
  void flowsBetweenPatternedMacsGetDistinctHashes() {
    Set<Integer> hashes = new HashSet<>();
    int flows = 0;
    for (long sw = 0; sw < 16; sw++) {
      for (long k = 0; k < 1000; k++, flows++) {
        MacAddress src = MacAddress.of(0x02L << 40 | sw << 32 | k);
        MacAddress dst = MacAddress.of(0x02L << 40 | sw << 32 | (k ^ 1));
        hashes.add(new FlowKey(src, dst, OptionalInt.empty()).hashCode());
      }
    }
    assertThat(hashes).hasSizeGreaterThan(flows * 99 / 100);
  }

  @Test
  void equalKeysHaveEqualHashes() {
    FlowKey a = new FlowKey(MacAddress.of(1), MacAddress.of(2), OptionalInt.of(7));
    FlowKey b = new FlowKey(MacAddress.of(1), MacAddress.of(2), OptionalInt.of(7));
    assertThat(a).isEqualTo(b);
    assertThat(a.hashCode()).isEqualTo(b.hashCode());
  }
}
