package org.netservof.controller.linkdiscovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.netservof.controller.api.store.Versioned;
import org.netservof.controller.store.StoreCodec;
import org.netservof.policy.fabric.Link;
import org.netservof.policy.fabric.SwitchPort;

/** What link discovery puts in a shared store comes back the same through the stores' JSON codec. */
class SharedValuesTest {

  @Test
  void aLinkAndAReceiptSurviveTheStoreCodec() {
    Link link = new Link(SwitchPort.of(1, 1), SwitchPort.of(0xffff_0000_0000_0002L, 3));
    SharedLink shared = SharedLink.of(link, 1234, "a");
    StoreCodec<String, SharedLink> links = StoreCodec.of(StoreCodec.mapper(), String.class, SharedLink.class);
    Versioned<SharedLink> back = links.value(links.value(new Versioned<>(shared, 7, Optional.of(Instant.EPOCH))));
    assertThat(back.value()).isEqualTo(shared);
    assertThat(back.value().link()).isEqualTo(link);

    ProbeReceipt receipt = new ProbeReceipt(new byte[] {1, 2, 3, 4}, 2, 5, 6, true, "b");
    StoreCodec<String, ProbeReceipt> receipts = StoreCodec.of(StoreCodec.mapper(), String.class, ProbeReceipt.class);
    ProbeReceipt read = receipts.value(receipts.value(new Versioned<>(receipt, 1, Optional.empty()))).value();
    assertThat(read.frame()).containsExactly(1, 2, 3, 4);
    assertThat(read.to()).isEqualTo(SwitchPort.of(5, 6));
    assertThat(read.toFacesHosts()).isTrue();
    assertThat(read.receiver()).isEqualTo("b");
  }
}
