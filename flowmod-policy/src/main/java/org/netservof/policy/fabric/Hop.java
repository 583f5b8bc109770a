package org.netservof.policy.fabric;

import java.util.Objects;
import org.projectfloodlight.openflow.types.DatapathId;
import org.projectfloodlight.openflow.types.OFPort;

/** One switch of a path: the packet enters on {@code in} and leaves on {@code out}. */
public record Hop(DatapathId dpid, OFPort in, OFPort out) {
  public Hop {
    Objects.requireNonNull(dpid, "dpid");
    Objects.requireNonNull(in, "in");
    Objects.requireNonNull(out, "out");
  }

  public SwitchPort ingress() {
    return new SwitchPort(dpid, in);
  }

  public SwitchPort egress() {
    return new SwitchPort(dpid, out);
  }
}
