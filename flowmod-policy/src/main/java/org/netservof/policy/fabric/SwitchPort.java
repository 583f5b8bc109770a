package org.netservof.policy.fabric;

import java.util.Objects;
import org.projectfloodlight.openflow.types.DatapathId;
import org.projectfloodlight.openflow.types.OFPort;

/** A port of a switch: where a link ends, a host attaches, or a service node plugs in. */
public record SwitchPort(DatapathId dpid, OFPort port) implements Comparable<SwitchPort> {
  public SwitchPort {
    Objects.requireNonNull(dpid, "dpid");
    Objects.requireNonNull(port, "port");
  }

  public static SwitchPort of(long dpid, int port) {
    return new SwitchPort(DatapathId.of(dpid), OFPort.of(port));
  }

  @Override
  public int compareTo(SwitchPort o) {
    int byDpid = dpid.compareTo(o.dpid);
    return byDpid != 0 ? byDpid : Integer.compareUnsigned(port.getPortNumber(), o.port.getPortNumber());
  }

  /*
   * Written out rather than the record's generated ones: those run through a chain of method handles that the
   * JIT left uninlined on the controller's hot path (host table, route table: ~29% of its CPU samples under the
   * switch emulator, JFR).
   */
  @Override
  public boolean equals(Object o) {
    return o instanceof SwitchPort other && dpid.equals(other.dpid) && port.equals(other.port);
  }

  @Override
  public int hashCode() {
    return 31 * dpid.hashCode() + port.hashCode();
  }

  @Override
  public String toString() {
    return dpid + "/" + port;
  }
}
