package org.netservof.node.io;

/** The 802.1Q tag a container puts back on the frames it sends. */
public final class Tags {
  private Tags() {}

  /**
   * Copies {@code frame} into {@code out} with a tag for {@code vlan} after the two MAC addresses.
   *
   * @return the tagged frame's length
   */
  public static int insert(byte[] frame, int length, int vlan, byte[] out) {
    System.arraycopy(frame, 0, out, 0, 12);
    out[12] = (byte) 0x81;
    out[13] = 0x00;
    out[14] = (byte) ((vlan >>> 8) & 0x0f);
    out[15] = (byte) vlan;
    System.arraycopy(frame, 12, out, 16, length - 12);
    return length + 4;
  }
}
