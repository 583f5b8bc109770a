package org.netservof.controller.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.netservof.controller.api.Command;
import org.netservof.controller.api.OFSwitch;
import org.netservof.controller.api.PacketInStage;
import org.netservof.controller.api.SwitchRefusal;
import org.netservof.controller.channel.FloodProtection;
import org.netservof.controller.channel.OpenFlowConfig;
import org.netservof.controller.channel.OpenFlowMetrics;
import org.netservof.controller.testing.EmbeddedSwitch;
import org.netservof.controller.testing.PacketIns;
import org.projectfloodlight.openflow.protocol.OFBadRequestCode;
import org.projectfloodlight.openflow.protocol.OFBarrierRequest;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFFlowModFailedCode;
import org.projectfloodlight.openflow.protocol.OFType;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.types.DatapathId;

/** The OpenFlow meters of a switch connection, read the way Prometheus reads them: from the scrape's text. */
@org.junit.jupiter.api.extension.ExtendWith(org.netservof.controller.testing.NoNettyLeaks.class)
class OpenFlowMetricsTest {
  private static final DatapathId DPID = DatapathId.of(0x42);
  private static final String SW = "switch=\"00:00:00:00:00:00:00:42\"";
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final MessageDispatcher dispatcher = new MessageDispatcher();
  private final SwitchManager manager = new SwitchManager(OpenFlowConfig.DEFAULTS, FloodProtection.DEFAULTS,
      dispatcher, Clock.systemUTC(), OpenFlowMetrics.of(registry));
  private final EmbeddedSwitch peer = EmbeddedSwitch.connected(OFVersion.OF_13, manager, DPID, 2);
  private final OFFactory f = peer.factory;

  @AfterEach
  void close() {
    peer.close();
  }

  @Test
  void everyMessageIsCountedByTypeAndSwitchTheHandshakesToo() {
    dispatcher.addListener(OFType.PACKET_IN, PacketInStage.LEARN, "answer", (s, m, c) -> {
      s.write(s.factory().buildPacketOut().setData(new byte[14]).build());
      return Command.CONTINUE;
    });
    int packetIns = 2 * PacketInIntake.TIMED_EVERY;
    for (int i = 0; i < packetIns; i++) {
      peer.send(PacketIns.of(f, 1, new byte[14]));
    }
    String scrape = registry.scrape();
    assertThat(value(scrape, "netserv_openflow_messages_in_total{" + SW + ",type=\"packet_in\"}"))
        .isEqualTo(packetIns);
    assertThat(value(scrape, "netserv_openflow_messages_out_total{" + SW + ",type=\"packet_out\"}"))
        .isEqualTo(packetIns);
    assertThat(value(scrape, "netserv_openflow_messages_in_total{" + SW + ",type=\"hello\"}")).isEqualTo(1);
    assertThat(value(scrape, "netserv_openflow_messages_in_total{" + SW + ",type=\"features_reply\"}")).isEqualTo(1);
    assertThat(value(scrape, "netserv_openflow_messages_out_total{" + SW + ",type=\"flow_mod\"}")).isEqualTo(1);
    assertThat(value(scrape, "netserv_openflow_packet_in_handling_seconds_count")).as("one PacketIn in 16 timed")
        .isEqualTo(2);
    assertThat(scrape).contains("netserv_openflow_packet_in_handling_seconds_bucket{le=\"1.0E-5\"}")
        .contains("netserv_openflow_packet_in_handling_seconds_bucket{le=\"0.1\"}");
  }

  @Test
  void errorsAreCountedByTypeAndCode() {
    peer.send(f.errorMsgs().buildBadRequestErrorMsg().setXid(7).setCode(OFBadRequestCode.BAD_STAT).build(),
        f.errorMsgs().buildFlowModFailedErrorMsg().setXid(8).setCode(OFFlowModFailedCode.TABLE_FULL).build(),
        f.errorMsgs().buildFlowModFailedErrorMsg().setXid(9).setCode(OFFlowModFailedCode.TABLE_FULL).build());
    String scrape = registry.scrape();
    assertThat(value(scrape, "netserv_openflow_errors_total{code=\"bad_stat\"," + SW + ",type=\"bad_request\"}"))
        .isEqualTo(1);
    assertThat(value(scrape,
        "netserv_openflow_errors_total{code=\"table_full\"," + SW + ",type=\"flow_mod_failed\"}")).isEqualTo(2);
  }

  @Test
  void barrierRoundTripsAreTimed() throws Exception {
    double before = value(registry.scrape(), "netserv_openflow_barrier_round_trip_seconds_count");
    OFSwitch sw = manager.getSwitch(DPID).orElseThrow();
    CompletableFuture<Void> done = sw.writeConfirmed(List.of());
    OFBarrierRequest barrier = peer.expect(OFType.BARRIER_REQUEST, OFBarrierRequest.class);
    peer.send(f.buildBarrierReply().setXid(barrier.getXid()).build());
    done.get();
    assertThat(value(registry.scrape(), "netserv_openflow_barrier_round_trip_seconds_count")).isEqualTo(before + 1);
  }

  @Test
  void switchesAreCountedByRoleAndConnectionsByOutcome() {
    String scrape = registry.scrape();
    assertThat(value(scrape, "netserv_switches{role=\"equal\"}")).isEqualTo(1);
    assertThat(value(scrape, "netserv_switches{role=\"slave\"}")).isZero();
    assertThat(value(scrape, "netserv_switch_connections_total{outcome=\"connected\"}")).isEqualTo(1);
    manager.refused(new SwitchRefusal(Optional.empty(), "192.0.2.9:40000", "not on the allow-list"));
    assertThat(value(registry.scrape(), "netserv_switch_connections_total{outcome=\"refused\"}")).isEqualTo(1);
  }

  @Test
  void aDisconnectedSwitchsMetersAreGone() {
    peer.send(PacketIns.of(f, 1, new byte[14]));
    assertThat(registry.scrape()).contains(SW);
    peer.channel.close();
    peer.channel.runPendingTasks();
    String scrape = registry.scrape();
    assertThat(scrape).doesNotContain(SW);
    assertThat(value(scrape, "netserv_switches{role=\"equal\"}")).isZero();
  }

  @Test
  void metricsOffTakeEveryCallAndCountNothing() {
    OpenFlowMetrics off = OpenFlowMetrics.off();
    off.packetInHandled(1000);
    off.connection("connected");
    off.forget(DPID);
    assertThat(off.enabled()).isFalse();
  }

  /** The value of one series in the scrape; fails naming the series when it is missing. */
  static double value(String scrape, String series) {
    return scrape.lines().filter(l -> l.startsWith(series + " ")).findFirst()
        .map(l -> Double.parseDouble(l.substring(series.length() + 1).trim()))
        .orElseThrow(() -> new AssertionError("no series " + series + " in:\n" + scrape));
  }
}
