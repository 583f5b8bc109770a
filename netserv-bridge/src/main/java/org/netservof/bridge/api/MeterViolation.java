package org.netservof.bridge.api;

import java.time.Instant;
import java.util.Objects;

/**
 * A user's traffic over its cap: between two reads of a switch's meter statistics, the user's meter there dropped
 * packets (the NetServ thesis calls these violations).
 *
 * @param user whose cap it is
 * @param dpid the switch, as {@code 00:00:00:00:00:00:00:01}
 * @param meterId the user's meter on that switch
 * @param droppedPackets packets the meter dropped since the previous read
 * @param droppedBytes bytes the meter dropped since the previous read
 * @param at when the read that saw them was answered
 */
public record MeterViolation(String user, String dpid, long meterId, long droppedPackets, long droppedBytes,
    Instant at) {
  public MeterViolation {
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(dpid, "dpid");
    Objects.requireNonNull(at, "at");
    if (droppedPackets <= 0) {
      throw new IllegalArgumentException("a violation drops packets, droppedPackets was " + droppedPackets);
    }
  }
}
