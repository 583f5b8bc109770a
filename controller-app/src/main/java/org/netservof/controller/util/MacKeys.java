package org.netservof.controller.util;

import org.netservof.policy.select.FlowHash;
import org.projectfloodlight.openflow.types.MacAddress;

/**
 * Hash-map keys for MAC addresses. Loxi's {@code MacAddress.hashCode} folds the top 16 bits onto the low 32,
 * so MACs that differ in a switch or vendor byte and an index (the switch emulator's 16 x 1,000, cbench's, a
 * lab's) share about a thousand hashes: a map keyed by them scans bins of that size on every PacketIn (and
 * {@code MacAddress} is not directly {@code Comparable}, so a tree bin does not help). A key is the MAC's 48
 * bits through a bijective mixer ({@link FlowHash#mix}, MurmurHash3's finaliser): distinct MACs keep distinct keys, and every bit of
 * the MAC reaches the bits a hash table indexes by. {@code Long} is comparable, so even crafted collisions
 * cost a tree bin's logarithm, not a scan.
 */
public final class MacKeys {
  private MacKeys() {}

  public static Long of(MacAddress mac) {
    return FlowHash.mix(mac.getLong());
  }

}
