package org.netservof.bench.emulator;

import java.time.Duration;
import java.util.Objects;

/**
 * What the emulator does to its connections during a run, besides sending PacketIns.
 *
 * @param reconnectEvery every this long into the measured part (not at its end), every switch closes its
 *     connection and connects again at once: a new TCP connection and the full handshake; zero for never
 * @param probes new switches that connect one after another while the others send (during the measured
 *     part), each timing the controller's handshake (see {@link HandshakeTiming}) and then leaving; one more
 *     goes first, uncounted, to warm the emulator's own connection path
 * @param drop at the end of the measured part, whether every switch drops its connection at once (closes
 *     it, or resets it) and one new switch connects right after, timing its handshake
 */
public record Disruption(Duration reconnectEvery, int probes, Drop drop) {
  public static final Disruption NONE = new Disruption(Duration.ZERO, 0, Drop.NONE);

  /** How the switches leave at the end, in the drop scenario. */
  public enum Drop {
    NONE,
    /** A normal TCP close (FIN). */
    CLOSE,
    /** A TCP reset (SO_LINGER 0): the controller's reads fail with "connection reset by peer". */
    RST;

    /** "none", "close" or "rst". */
    public static Drop parse(String text) {
      return CommandLineNames.parse(Drop.class, text, "drop");
    }
  }

  public Disruption {
    Objects.requireNonNull(reconnectEvery, "reconnectEvery");
    Objects.requireNonNull(drop, "drop");
    if (reconnectEvery.isNegative()) {
      throw new IllegalArgumentException("the reconnect period must not be negative, was " + reconnectEvery);
    }
    if (probes < 0) {
      throw new IllegalArgumentException("handshake probes must not be negative, was " + probes);
    }
  }

  boolean reconnects() {
    return !reconnectEvery.isZero();
  }
}
