package org.netservof.controller.api.statistics;

import java.time.Instant;
import java.util.Objects;
import org.projectfloodlight.openflow.types.DatapathId;
import org.projectfloodlight.openflow.types.OFPort;

/**
 * The traffic one switch port carried between the collector's two latest reads of its counters.
 *
 * @param updated when the later of the two reads was answered
 * @param linkSpeedBitsPerSecond the port's current speed as the switch describes it; 0 when the switch says
 *     none (OpenFlow 1.0 has no speed field)
 * @param rxBitsPerSecond bits received per second, averaged over the time between the two reads
 * @param txBitsPerSecond bits sent per second, likewise
 */
public record PortBandwidth(DatapathId dpid, OFPort port, Instant updated, long linkSpeedBitsPerSecond,
    long rxBitsPerSecond, long txBitsPerSecond) {
  public PortBandwidth {
    Objects.requireNonNull(dpid, "dpid");
    Objects.requireNonNull(port, "port");
    Objects.requireNonNull(updated, "updated");
    if (linkSpeedBitsPerSecond < 0 || rxBitsPerSecond < 0 || txBitsPerSecond < 0) {
      throw new IllegalArgumentException("bandwidth of " + dpid + " port " + port + " must not be negative: link "
          + linkSpeedBitsPerSecond + ", rx " + rxBitsPerSecond + ", tx " + txBitsPerSecond);
    }
  }
}
