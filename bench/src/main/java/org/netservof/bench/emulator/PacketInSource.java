package org.netservof.bench.emulator;

import java.util.List;
import java.util.OptionalLong;
import org.projectfloodlight.openflow.types.MacAddress;
import org.projectfloodlight.openflow.types.OFBufferId;

/**
 * The PacketIns one emulated switch sends, and how a controller's answer names one of them. One instance per
 * switch, kept across its reconnections (its sequence goes on); touched by that switch's event loop only.
 */
interface PacketInSource {
  /** The next measured frame; its sequence is one more than the last one's. */
  PacketInFrame next();

  /** Frames sent once, before the measured ones, on every new connection (none for most styles). */
  List<PacketInFrame> preamble();

  /** The sequence of the latest frame this switch sent from {@code src}, if it sent one. */
  OptionalLong sentFrom(MacAddress src);

  /** The sequence of the latest frame this switch sent in buffer {@code buffer}, if it sent one. */
  OptionalLong sentInBuffer(OFBufferId buffer);

  static PacketInSource of(FrameStyle style, int switchIndex, int macs) {
    return style == FrameStyle.CBENCH ? new CbenchFrames(switchIndex, macs) : new PacketInFrames(switchIndex, macs);
  }

  /**
   * The latest sequence below {@code sent} that is {@code residue} modulo {@code modulus}: where a frame
   * cycling through {@code modulus} values last used that one.
   */
  static OptionalLong latest(long sent, long residue, long modulus) {
    if (sent == 0 || residue < 0 || residue >= modulus) {
      return OptionalLong.empty();
    }
    long last = sent - 1;
    long candidate = last - Math.floorMod(last - residue, modulus);
    return candidate >= 0 ? OptionalLong.of(candidate) : OptionalLong.empty();
  }
}
