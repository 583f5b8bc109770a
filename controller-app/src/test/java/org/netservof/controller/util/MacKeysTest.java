package org.netservof.controller.util;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.projectfloodlight.openflow.types.MacAddress;

class MacKeysTest {

  /** Loxi's own hash gives these 16,000 MACs about a thousand values; their keys must tell them apart. */
  @Test
  void patternedMacsGetDistinctHashes() {
    Set<Integer> loxi = new HashSet<>();
    Set<Integer> keys = new HashSet<>();
    for (long sw = 0; sw < 16; sw++) {
      for (long k = 0; k < 1000; k++) {
        MacAddress mac = MacAddress.of(0x02L << 40 | sw << 32 | k);
        loxi.add(mac.hashCode());
        keys.add(MacKeys.of(mac).hashCode());
      }
    }
    assertThat(loxi).as("the hash this works around").hasSizeLessThan(2000);
    assertThat(keys).hasSizeGreaterThan(15_900);
  }

  @Test
  void distinctMacsHaveDistinctKeysAndEqualMacsEqualKeys() {
    assertThat(MacKeys.of(MacAddress.of("00:00:00:00:00:01"))).isEqualTo(MacKeys.of(MacAddress.of(1)));
    assertThat(MacKeys.of(MacAddress.of(1))).isNotEqualTo(MacKeys.of(MacAddress.of(2)));
    assertThat(MacKeys.of(MacAddress.of(0))).isNotEqualTo(MacKeys.of(MacAddress.BROADCAST));
  }
}
