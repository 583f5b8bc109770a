package org.netservof.policy.fabric;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A loop-free way through the fabric from one switch port to another: the switches in order with the
 * ports the packet enters and leaves by, and its cost (the sum of link weights; hop count by default).
 */
public record Path(List<Hop> hops, long cost) {
  public Path {
    hops = List.copyOf(Objects.requireNonNull(hops, "hops"));
    if (hops.isEmpty()) {
      throw new IllegalArgumentException("a path has at least one hop");
    }
    for (int i = 0; i < hops.size(); i++) {
      for (int j = i + 1; j < hops.size(); j++) {
        if (hops.get(i).dpid().equals(hops.get(j).dpid())) {
          throw new IllegalArgumentException("path visits " + hops.get(i).dpid() + " twice: " + hops);
        }
      }
    }
  }

  public SwitchPort source() {
    return hops.get(0).ingress();
  }

  public SwitchPort destination() {
    return hops.get(hops.size() - 1).egress();
  }

  /** The inter-switch links the path crosses, in order. */
  public List<Link> links() {
    List<Link> links = new ArrayList<>(hops.size() - 1);
    for (int i = 0; i + 1 < hops.size(); i++) {
      links.add(new Link(hops.get(i).egress(), hops.get(i + 1).ingress()));
    }
    return links;
  }

  /** Whether the path enters or leaves any switch by this port. */
  public boolean uses(SwitchPort port) {
    return hops.stream().anyMatch(h -> h.ingress().equals(port) || h.egress().equals(port));
  }
}
