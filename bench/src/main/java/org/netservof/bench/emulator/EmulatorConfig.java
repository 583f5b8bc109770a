package org.netservof.bench.emulator;

import java.time.Duration;
import java.util.Objects;
import org.netservof.controller.api.HostPort;
import org.projectfloodlight.openflow.protocol.OFVersion;

/**
 * One emulator run.
 *
 * @param controller where the controller listens
 * @param switches emulated switches, 1 to 256 (the switch index is part of every MAC, so no two switches
 *     share a host)
 * @param macs distinct source MACs each switch cycles through
 * @param version OpenFlow 1.0 or 1.3
 * @param window PacketIns outstanding per switch in throughput mode
 * @param measured the counted part of the run; one figure per whole second
 * @param warmup traffic before counting starts
 * @param frames what the PacketIns carry
 * @param disruption reconnections, handshake probes and the drop at the end, if any
 */
public record EmulatorConfig(HostPort controller, int switches, int macs, OFVersion version, EmulatorMode mode,
    int window, Duration measured, Duration warmup, FrameStyle frames, Disruption disruption) {
  public static final int MAX_SWITCHES = 256;

  public EmulatorConfig {
    Objects.requireNonNull(controller, "controller");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(mode, "mode");
    // No sending switch at all makes sense only to time handshakes on an idle controller.
    int least = Objects.requireNonNull(disruption, "disruption").probes() > 0 ? 0 : 1;
    if (switches < least || switches > MAX_SWITCHES) {
      throw new IllegalArgumentException("switches must be in " + least + ".." + MAX_SWITCHES + ", was " + switches);
    }
    int all = allSwitches(switches, disruption);
    if (all > MAX_SWITCHES) {
      throw new IllegalArgumentException("switches and handshake probes together must be at most " + MAX_SWITCHES
          + " (one byte of every MAC names the switch), were " + all);
    }
    // Two at least: a frame's destination is another of the switch's MACs.
    if (macs < 2) {
      throw new IllegalArgumentException("macs must be at least 2, was " + macs);
    }
    if (version != OFVersion.OF_10 && version != OFVersion.OF_13) {
      throw new IllegalArgumentException("OpenFlow version must be 1.0 or 1.3, was " + version);
    }
    if (window < 1) {
      throw new IllegalArgumentException("window must be at least 1, was " + window);
    }
    if (measured.toSeconds() < 1) {
      throw new IllegalArgumentException("the measured part must last at least 1 s, was " + measured);
    }
    if (warmup.isNegative()) {
      throw new IllegalArgumentException("warm-up must not be negative, was " + warmup);
    }
    Objects.requireNonNull(frames, "frames");
  }

  /** A run of UDP frames with no disruption. */
  public EmulatorConfig(HostPort controller, int switches, int macs, OFVersion version, EmulatorMode mode,
      int window, Duration measured, Duration warmup) {
    this(controller, switches, macs, version, mode, window, measured, warmup, FrameStyle.UDP, Disruption.NONE);
  }

  /**
   * Sending switches, handshake probes (and an uncounted one before them) and the switch that connects after
   * the drop: each its own DPID.
   */
  private static int allSwitches(int switches, Disruption disruption) {
    return switches + (disruption.probes() > 0 ? disruption.probes() + 1 : 0)
        + (disruption.drop() == Disruption.Drop.NONE ? 0 : 1);
  }

  /** "1.0" or "1.3". */
  public String versionText() {
    return version == OFVersion.OF_10 ? "1.0" : "1.3";
  }

  /** The version named "1.0" or "1.3". */
  public static OFVersion parseVersion(String text) {
    return switch (text) {
      case "1.0" -> OFVersion.OF_10;
      case "1.3" -> OFVersion.OF_13;
      default -> throw new IllegalArgumentException("OpenFlow version must be 1.0 or 1.3, was " + text);
    };
  }
}
