package org.netservof.controller.linkdiscovery;

import java.util.Objects;
import org.netservof.policy.fabric.SwitchPort;
import org.projectfloodlight.openflow.types.DatapathId;
import org.projectfloodlight.openflow.types.OFPort;

/**
 * An LLDP probe another member signed, as the member that received it (the master of the receiving switch)
 * hands it on through the shared "probe-receipts" store. It carries the frame untouched: the sender verifies
 * it exactly as a PacketIn of its own (signature, one-time id, round trip on its own clock, port), so a
 * receipt proves no more than the frame does.
 *
 * @param frame the Ethernet frame as the switch sent it up
 * @param payloadOffset where the LLDP payload starts in {@code frame}
 * @param dpid the switch that received it
 * @param port the port it arrived at
 * @param toFacesHosts whether the receiving member has hosts on that port (only it learns them): no link there
 * @param receiver the instance id of the receiving member
 */
public record ProbeReceipt(byte[] frame, int payloadOffset, long dpid, int port, boolean toFacesHosts,
    String receiver) {
  public ProbeReceipt {
    Objects.requireNonNull(frame, "frame");
    Objects.requireNonNull(receiver, "receiver");
    if (payloadOffset < 0 || payloadOffset > frame.length) {
      throw new IllegalArgumentException("payloadOffset must be within the frame's " + frame.length
          + " bytes, was " + payloadOffset);
    }
    frame = frame.clone();
  }

  @Override
  public byte[] frame() {
    return frame.clone();
  }

  SwitchPort to() {
    return new SwitchPort(DatapathId.of(dpid), OFPort.of(port));
  }
}
