package org.netservof.bench.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PacketInLedgerTest {
  @Test
  void aPacketInIsAnsweredOnceWhateverAnswersIt() {
    PacketInLedger ledger = new PacketInLedger();
    ledger.sent(0, 100);
    ledger.sent(1, 200);
    assertThat(ledger.answer(1)).isEqualTo(200);
    assertThat(ledger.answer(1)).isEqualTo(-1);
    assertThat(ledger.answer(0)).isEqualTo(100);
  }

  @Test
  void forgetsPacketInsTooOldOrNeverSent() {
    PacketInLedger ledger = new PacketInLedger();
    ledger.sent(0, 100);
    ledger.sent(PacketInLedger.SIZE, 300); // takes sequence 0's place
    assertThat(ledger.answer(0)).isEqualTo(-1);
    assertThat(ledger.answer(5)).isEqualTo(-1);
    assertThat(ledger.answer(-1)).isEqualTo(-1);
  }
}
