package org.netservof.bench.emulator;

/** Which frames the emulated switches put in their PacketIns. */
public enum FrameStyle {
  /** 64-byte IPv4/UDP frames between learnable MACs on four ports (see {@link PacketInFrames}). */
  UDP,
  /**
   * Byte for byte what cbench's fake switches send: IPv4 protocol 255 from a cycling source MAC on port 1,
   * with buffer ids (see {@link CbenchFrames}).
   */
  CBENCH;

  /** The style named "udp" or "cbench". */
  public static FrameStyle parse(String text) {
    return CommandLineNames.parse(FrameStyle.class, text, "frames");
  }

  /** "udp" or "cbench". */
  public String text() {
    return CommandLineNames.of(this);
  }
}
