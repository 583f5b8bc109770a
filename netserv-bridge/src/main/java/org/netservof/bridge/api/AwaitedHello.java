package org.netservof.bridge.api;

import java.util.Objects;
import org.netservof.policy.fabric.SwitchPort;
import org.projectfloodlight.openflow.types.MacAddress;

/**
 * A registering node's hello frame, awaited by the cluster member the node registers with, kept (by the
 * controller's challenge nonce, with a lease of the hello timeout) where the member that receives the
 * switch's PacketIn (the switch's master) can find it: that member marks it seen when the frame came through
 * {@code at} from {@code mac}, and the awaiting member goes on with the registration. Written only in a cluster.
 *
 * @param member the instance id of the member the node registers with
 * @param at the switch port the node's entry in {@code node-agents} puts it at
 * @param mac the MAC the node registered with
 * @param seen whether a member saw the frame come through that port from that MAC
 */
public record AwaitedHello(String member, SwitchPort at, MacAddress mac, boolean seen) {
  public AwaitedHello {
    Objects.requireNonNull(member, "member");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(mac, "mac");
  }
}
