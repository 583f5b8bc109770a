package org.netservof.policy.layout;

import java.util.Arrays;
import java.util.Optional;

/**
 * Which part of the controller installed a flow entry: the top byte of every cookie we write.
 *
 * <p>Codes are part of the on-switch state and survive controller restarts, so they never change meaning;
 * new owners take new codes.
 */
public enum CookieOwner {
  /** Entries the OpenFlow core installs at handshake (table-miss). */
  CORE(0x01),
  /** The forwarding module (one-switch learning, later fabric routing). */
  FORWARDING(0x02),
  /** Link discovery (LLDP capture). */
  LINK_DISCOVERY(0x03),
  /** NetServ signaling capture (UDP port 270 and the ICMP that answers it). */
  SIGNALING(0x04),
  /** Steering entries of NetServ services. */
  STEERING(0x10),
  /**
   * Entries an operator pushed through the static entry pusher (REST) without a cookie of their own. No
   * module deletes by this owner's mask; only the static entry pusher removes these entries, one by one.
   */
  STATIC(0x20);

  private final int code;

  CookieOwner(int code) {
    this.code = code;
  }

  /** The 8-bit code stored in bits 63..56 of the cookie. */
  public int code() {
    return code;
  }

  /** The owner with this code, if any; cookies written by others (users, other controllers) have none. */
  public static Optional<CookieOwner> fromCode(int code) {
    return Arrays.stream(values()).filter(o -> o.code == code).findFirst();
  }
}
