package org.netservof.policy.filter;

import java.util.Locale;
import java.util.OptionalInt;
import org.projectfloodlight.openflow.types.IpProtocol;

/** The transport protocol a filter selects. */
public enum Protocol {
  TCP(6), UDP(17), ICMP(1),
  /** Every IPv4 packet, whatever it carries. */
  ANY(-1);

  private final int number;

  Protocol(int number) {
    this.number = number;
  }

  /** The IP protocol number; empty for {@link #ANY}. */
  public OptionalInt number() {
    return number < 0 ? OptionalInt.empty() : OptionalInt.of(number);
  }

  public IpProtocol ipProtocol() {
    if (number < 0) {
      throw new IllegalStateException("ANY has no IP protocol number");
    }
    return IpProtocol.of((short) number);
  }

  /** Whether the protocol has ports a filter can select. */
  public boolean hasPorts() {
    return this == TCP || this == UDP;
  }

  /**
   * Parses {@code tcp}, {@code udp}, {@code icmp} or {@code any}, in any case.
   *
   * @throws IllegalArgumentException naming the accepted values
   */
  public static Protocol parse(String text) {
    try {
      return valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new IllegalArgumentException("protocol '" + text + "' is not one of tcp, udp, icmp, any");
    }
  }

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
