package org.netservof.controller.channel;

/**
 * The {@code flood-protection} section of the configuration: how much a switch, or the hosts behind it, can
 * make the controller read, remember and queue.
 *
 * @param packetInRate PacketIns per second admitted from one switch port into the listener chains; more are
 *     dropped and counted
 * @param packetInBurst PacketIns a quiet port may send at once before its rate applies
 * @param meterRate packets per second each kind of controller-bound entry (table-miss, LLDP capture,
 *     signaling capture, steering's first-packet trap) may send up from one OpenFlow 1.3+ switch, enforced by
 *     a meter on the switch
 * @param writePauseKib outbound bytes queued for a switch (KiB) above which the controller stops reading it,
 *     until they drain to half of that
 * @param writeLimitKib outbound bytes queued for a switch (KiB) above which it is disconnected: it has not read
 *     what it was sent
 * @param multipartMaxParts parts of one multipart reply kept before the request is abandoned (a part is at
 *     most 64 KiB)
 */
public record FloodProtection(int packetInRate, int packetInBurst, int meterRate, int writePauseKib,
    int writeLimitKib, int multipartMaxParts) {

  public static final FloodProtection DEFAULTS = new FloodProtection(500, 1000, 5000, 1024, 65536, 1024);

  public FloodProtection {
    requireAtLeast("packet-in-rate", packetInRate, 1);
    requireAtLeast("packet-in-burst", packetInBurst, 1);
    requireAtLeast("meter-rate", meterRate, 1);
    requireAtLeast("write-pause-kib", writePauseKib, 1);
    requireAtLeast("multipart-max-parts", multipartMaxParts, 1);
    if (writeLimitKib <= writePauseKib) {
      throw new IllegalArgumentException("write-limit-kib (" + writeLimitKib + ") must be more than write-pause-kib ("
          + writePauseKib + ")");
    }
  }

  private static void requireAtLeast(String name, int value, int least) {
    if (value < least) {
      throw new IllegalArgumentException(name + " must be at least " + least + ", was " + value);
    }
  }
}
