package org.netservof.modules.netmonitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.netservof.node.api.Packet;
import org.netservof.node.api.Verdict;
import org.netservof.node.testing.Frames;
import org.netservof.node.testing.TestContext;

class NetMonitorTest {
  private final NetMonitor monitor = new NetMonitor();

  private Verdict see(byte[] frame, TestContext context) {
    Packet packet = Packet.wrap(frame.clone(), frame.length);
    Verdict verdict = monitor.process(packet, context);
    assertThat(packet.data()).as("NetMonitor never changes a packet").startsWith(frame);
    return verdict;
  }

  @Test
  void countsPacketsBySourceDestinationAndTtlAndForwardsThemAll() throws Exception {
    TestContext context = new TestContext(Map.of());
    monitor.start(context);
    for (int i = 0; i < 3; i++) {
      assertThat(see(Frames.udp("10.0.0.1", "10.0.0.2", 64), context)).isEqualTo(Verdict.FORWARD);
    }
    see(Frames.udp("10.0.0.1", "10.0.0.2", 63), context);
    see(Frames.udp("10.0.0.3", "10.0.0.2", 64), context);
    byte[] arp = new byte[60];
    arp[12] = 0x08;
    arp[13] = 0x06;
    assertThat(see(arp, context)).isEqualTo(Verdict.FORWARD);

    assertThat(monitor.count(key("10.0.0.1", "10.0.0.2", 64))).isEqualTo(3);
    assertThat(monitor.count(key("10.0.0.1", "10.0.0.2", 63))).isEqualTo(1);
    assertThat(monitor.count(key("10.0.0.3", "10.0.0.2", 64))).isEqualTo(1);
    Map<String, Object> report = monitor.report();
    assertThat(report).containsEntry("packets", 6L).containsEntry("non-ipv4", 1L).containsEntry("entries", 3);
    assertThat((List<?>) report.get("table")).first()
        .isEqualTo(Map.of("source", "10.0.0.1", "destination", "10.0.0.2", "ttl", 64, "packets", 3L));
  }

  @Test
  void theTableIsBoundedAndCountsTheRestAsOverflow() throws Exception {
    TestContext context = new TestContext(Map.of("max-entries", "2", "report-top", "1"));
    monitor.start(context);
    see(Frames.udp("10.0.0.1", "10.0.0.9", 64), context);
    see(Frames.udp("10.0.0.2", "10.0.0.9", 64), context);
    see(Frames.udp("10.0.0.3", "10.0.0.9", 64), context);
    see(Frames.udp("10.0.0.1", "10.0.0.9", 64), context);
    assertThat(monitor.report()).containsEntry("entries", 2).containsEntry("overflow", 1L);
    assertThat((List<?>) monitor.report().get("table")).hasSize(1);
  }

  @Test
  void aBadPropertyFailsTheStart() {
    assertThatThrownBy(() -> monitor.start(new TestContext(Map.of("max-entries", "lots"))))
        .hasMessageContaining("max-entries").hasMessageContaining("lots");
  }

  private static NetMonitor.Key key(String src, String dst, int ttl) {
    return new NetMonitor.Key(java.nio.ByteBuffer.wrap(Frames.ip(src)).getInt(),
        java.nio.ByteBuffer.wrap(Frames.ip(dst)).getInt(), ttl);
  }

  @Test
  void anUpdateChangesWhatItPublishesWhileItsCountersCarryOn() throws Exception {
    TestContext context = new TestContext(Map.of("publish-every", "2"));
    monitor.start(context);
    byte[] frame = Frames.udp("10.0.0.1", "10.0.0.2", 64);
    for (int i = 0; i < 4; i++) {
      monitor.process(Packet.wrap(frame.clone(), frame.length), context);
    }
    assertThat(context.published()).hasSize(2);
    assertThat(context.published().get(1)).containsEntry("packets", 4L).containsEntry("publish-every", 2L);
    assertThat(context.published().get(1).get("table").toString()).as("the report includes the packet that "
        + "made it due").contains("packets=4");

    TestContext updated = new TestContext(Map.of("publish-every", "3"));
    monitor.update(updated);
    for (int i = 0; i < 2; i++) {
      monitor.process(Packet.wrap(frame.clone(), frame.length), updated);
    }
    assertThat(updated.published()).singleElement().satisfies(r -> assertThat(r)
        .containsEntry("packets", 6L).containsEntry("publish-every", 3L));
  }

  @Test
  void aBadUpdateIsRefusedAndChangesNothing() throws Exception {
    monitor.start(new TestContext(Map.of("publish-every", "2")));
    assertThatThrownBy(() -> monitor.update(new TestContext(Map.of("publish-every", "2", "report-top", "-1"))))
        .hasMessageContaining("report-top");
    assertThat(monitor.report()).containsEntry("publish-every", 2L);
  }
}
