package org.netservof.bench.emulator;

import org.projectfloodlight.openflow.types.MacAddress;
import org.projectfloodlight.openflow.types.OFBufferId;

/**
 * One frame a switch sends up in a PacketIn.
 *
 * @param sequence the switch's count of PacketIns before this one (from 0); -1 for a frame that is not a
 *     measured PacketIn (cbench's gratuitous ARP that teaches the controller the destination)
 * @param data the Ethernet frame
 * @param src its source MAC, which a learning controller's answer names
 * @param inPort the port it arrived on
 * @param bufferId where the switch says it buffered the frame, or {@link OFBufferId#NO_BUFFER}
 * @param xid the PacketIn's transaction id
 */
record PacketInFrame(long sequence, byte[] data, MacAddress src, int inPort, OFBufferId bufferId, long xid) {}
