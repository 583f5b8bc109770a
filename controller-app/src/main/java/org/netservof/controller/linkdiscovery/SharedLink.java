package org.netservof.controller.linkdiscovery;

import java.util.Objects;
import org.netservof.policy.fabric.Link;
import org.netservof.policy.fabric.SwitchPort;
import org.projectfloodlight.openflow.types.DatapathId;
import org.projectfloodlight.openflow.types.OFPort;

/**
 * A verified link as the member that verified it publishes it in the shared "links" store; plain numbers, so
 * every store serialises it. Its lease is the link timeout, renewed by every verified probe.
 *
 * @param latencyMicros the probe's round trip as its sender measured it
 * @param publisher the instance id of the member that verified it
 */
public record SharedLink(long srcDpid, int srcPort, long dstDpid, int dstPort, long latencyMicros,
    String publisher) {
  public SharedLink {
    Objects.requireNonNull(publisher, "publisher");
    if (latencyMicros < 0) {
      throw new IllegalArgumentException("latencyMicros must not be negative, was " + latencyMicros);
    }
  }

  static SharedLink of(Link link, long latencyMicros, String publisher) {
    return new SharedLink(link.src().dpid().getLong(), link.src().port().getPortNumber(),
        link.dst().dpid().getLong(), link.dst().port().getPortNumber(), latencyMicros, publisher);
  }

  Link link() {
    return new Link(new SwitchPort(DatapathId.of(srcDpid), OFPort.of(srcPort)),
        new SwitchPort(DatapathId.of(dstDpid), OFPort.of(dstPort)));
  }

  /** The store key of a link: one entry per directed link, whoever publishes it. */
  static String key(Link link) {
    return link.src().dpid() + "/" + link.src().port().getPortNumber() + ">" + link.dst().dpid() + "/"
        + link.dst().port().getPortNumber();
  }
}
