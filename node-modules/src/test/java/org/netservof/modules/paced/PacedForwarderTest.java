package org.netservof.modules.paced;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.netservof.node.api.Packet;
import org.netservof.node.api.Verdict;
import org.netservof.node.testing.Frames;
import org.netservof.node.testing.TestContext;

class PacedForwarderTest {
  private final PacedForwarder forwarder = new PacedForwarder();
  private final TestContext context = new TestContext(Map.of("service-us", "1000", "queue", "3"));

  /** Offers packets every gap nanoseconds (one frame, as a flow's packets look alike); answers how many went on. */
  private int passed(int packets, long gapNanos) {
    byte[] frame = Frames.udp("10.0.0.1", "10.0.0.9", 64);
    Packet packet = Packet.wrap(frame, frame.length);
    return (int) IntStream.range(0, packets).filter(i -> {
      Verdict verdict = forwarder.process(packet, context);
      context.advanceNanos(gapNanos);
      return verdict == Verdict.FORWARD;
    }).count();
  }

  @Test
  void aBurstFillsTheServerAndItsQueueAndTheRestIsDroppedAndCounted() {
    forwarder.start(context);
    assertThat(passed(10, 0)).as("one in service and 3 waiting").isEqualTo(4);
    context.advanceNanos(1_000_000L);
    assertThat(passed(3, 0)).as("one service time frees one place").isEqualTo(1);
    assertThat(forwarder.report()).containsEntry("passed", 5L).containsEntry("dropped", 8L)
        .containsEntry("capacity-pps", 1000L).containsEntry("queue", 3);
  }

  @Test
  void underOverloadTheNodeServesItsCapacityAndNoMore() {
    forwarder.start(context);
    int passed = passed(5000, 200_000L); // 5,000 packets a second for a second
    assertThat(passed).as("1,000 a second, plus the queue that was empty at the start").isBetween(1000, 1004);
    assertThat(forwarder.report()).containsEntry("dropped", 5000L - passed);
  }

  @Test
  void belowCapacityNothingIsDropped() {
    forwarder.start(context);
    assertThat(passed(900, 1_111_111L)).as("900 a second").isEqualTo(900);
    assertThat(passed(8, 0)).as("an idle server takes a burst up to its queue").isEqualTo(4);
  }

  @Test
  void framesThatAreNotIpv4PassUncounted() {
    forwarder.start(context);
    byte[] arp = new byte[60];
    arp[12] = 0x08;
    arp[13] = 0x06;
    for (int i = 0; i < 10; i++) {
      assertThat(forwarder.process(Packet.wrap(arp, 60), context)).isEqualTo(Verdict.FORWARD);
    }
    assertThat(forwarder.report()).containsEntry("passed", 0L).containsEntry("dropped", 0L);
  }

  @Test
  void aWrongPropertyRefusesTheInstall() {
    assertThatThrownBy(() -> forwarder.start(new TestContext(Map.of("service-us", "0"))))
        .hasMessageContaining("service-us");
  }
}
