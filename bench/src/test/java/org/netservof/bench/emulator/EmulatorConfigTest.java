package org.netservof.bench.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.netservof.controller.api.HostPort;
import org.projectfloodlight.openflow.protocol.OFVersion;

class EmulatorConfigTest {
  private static final HostPort AT = new HostPort("127.0.0.1", 6653);

  private static EmulatorConfig config(int switches, Disruption disruption) {
    return new EmulatorConfig(AT, switches, 10, OFVersion.OF_13, EmulatorMode.THROUGHPUT, 64, Duration.ofSeconds(1),
        Duration.ZERO, FrameStyle.CBENCH, disruption);
  }

  @Test
  void noSendingSwitchOnlyToTimeHandshakes() {
    assertThatThrownBy(() -> config(0, Disruption.NONE)).hasMessageContaining("switches must be in 1..256, was 0");
    assertThat(config(0, new Disruption(Duration.ZERO, 3, Disruption.Drop.NONE)).switches()).isZero();
  }

  @Test
  void everySwitchAndProbeNeedsItsOwnDpidByte() {
    // 250 senders, 5 probes and the uncounted one before them, and the one after the drop: 257.
    assertThatThrownBy(() -> config(250, new Disruption(Duration.ZERO, 5, Disruption.Drop.RST)))
        .hasMessageContaining("at most 256").hasMessageContaining("were 257");
    assertThat(config(250, new Disruption(Duration.ZERO, 4, Disruption.Drop.RST)).switches()).isEqualTo(250);
  }

  @Test
  void commandLineNames() {
    assertThat(FrameStyle.parse("cbench")).isEqualTo(FrameStyle.CBENCH);
    assertThat(Disruption.Drop.parse("rst")).isEqualTo(Disruption.Drop.RST);
    assertThatThrownBy(() -> Disruption.Drop.parse("reset"))
        .hasMessage("drop must be one of [none, close, rst], was reset");
    assertThatThrownBy(() -> new Disruption(Duration.ofSeconds(-1), 0, Disruption.Drop.NONE))
        .hasMessageContaining("reconnect period must not be negative");
  }
}
