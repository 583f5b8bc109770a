package org.netservof.modules.ratelimiter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.netservof.node.api.Packet;
import org.netservof.node.api.Verdict;
import org.netservof.node.testing.Frames;
import org.netservof.node.testing.TestContext;

class RateLimiterTest {
  private final RateLimiter limiter = new RateLimiter();
  private final TestContext context = new TestContext(Map.of("rate", "10", "burst", "3"));

  private int passed(String source, int packets) {
    int passed = 0;
    for (int i = 0; i < packets; i++) {
      byte[] frame = Frames.udp(source, "10.0.0.9", 64);
      if (limiter.process(Packet.wrap(frame, frame.length), context) == Verdict.FORWARD) {
        passed++;
      }
    }
    return passed;
  }

  @Test
  void eachSourceGetsItsBurstThenItsRateAndTheExcessIsDroppedAndCounted() {
    limiter.start(context);
    assertThat(passed("10.0.0.1", 10)).as("a burst of 3 at once").isEqualTo(3);
    assertThat(passed("10.0.0.2", 2)).as("another source has its own bucket").isEqualTo(2);
    context.advanceNanos(500_000_000L);
    assertThat(passed("10.0.0.1", 10)).as("half a second at 10/s refills 3 (the burst caps the 5)").isEqualTo(3);
    context.advanceNanos(200_000_000L);
    assertThat(passed("10.0.0.1", 10)).as("0.2 s at 10/s").isEqualTo(2);
    Map<String, Object> report = limiter.report();
    assertThat(report).containsEntry("passed", 10L).containsEntry("dropped", 22L).containsEntry("sources", 2);
    assertThat(report.get("limited").toString()).contains("source=10.0.0.1, passed=8, dropped=22");
  }

  @Test
  void sourcesBeyondTheTableShareOneBucket() {
    limiter.start(new TestContext(Map.of("rate", "10", "burst", "1", "max-sources", "1")));
    assertThat(passed("10.0.0.1", 1)).isEqualTo(1);
    assertThat(passed("10.0.0.2", 1) + passed("10.0.0.3", 1)).as("2 and 3 share one bucket of 1").isEqualTo(1);
    assertThat(limiter.report()).containsEntry("sources", 1).containsEntry("shared-bucket-dropped", 1L);
  }

  @Test
  void framesThatAreNotIpv4Pass() {
    limiter.start(new TestContext(Map.of("rate", "1", "burst", "1")));
    byte[] arp = new byte[60];
    arp[12] = 0x08;
    arp[13] = 0x06;
    for (int i = 0; i < 5; i++) {
      assertThat(limiter.process(Packet.wrap(arp, 60), context)).isEqualTo(Verdict.FORWARD);
    }
  }
}
