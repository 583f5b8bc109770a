package org.netservof.controller.hosts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.netservof.controller.api.fabric.Host;
import org.netservof.controller.api.store.Versioned;
import org.netservof.controller.store.StoreCodec;
import org.netservof.policy.fabric.SwitchPort;
import org.projectfloodlight.openflow.types.IPv4Address;
import org.projectfloodlight.openflow.types.MacAddress;

/** A host as published in the shared store comes back the same through the stores' JSON codec. */
class SharedHostTest {

  @Test
  void aHostSurvivesTheStoreCodec() {
    Host h = new Host(MacAddress.of("0a:00:00:00:00:01"), OptionalInt.of(10),
        Set.of(IPv4Address.of("10.0.0.1"), IPv4Address.of("10.0.0.9")), SwitchPort.of(2, 4),
        Instant.ofEpochMilli(1000), Instant.ofEpochMilli(5000));
    StoreCodec<String, SharedHost> codec = StoreCodec.of(StoreCodec.mapper(), String.class, SharedHost.class);
    SharedHost back = codec.value(codec.value(new Versioned<>(SharedHost.of(h, "a"), 3, Optional.empty()))).value();
    assertThat(back.host()).isEqualTo(h);
    assertThat(back.publisher()).isEqualTo("a");
    assertThat(SharedHost.of(new Host(h.mac(), OptionalInt.empty(), Set.of(), h.attachment(), h.firstSeen(),
        h.lastSeen()), "a").host().vlan()).isEmpty();
  }
}
