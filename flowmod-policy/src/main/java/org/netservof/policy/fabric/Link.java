package org.netservof.policy.fabric;

import java.util.Objects;

/** A directed link: frames sent out of {@code src} arrive at {@code dst}. */
public record Link(SwitchPort src, SwitchPort dst) implements Comparable<Link> {
  public Link {
    Objects.requireNonNull(src, "src");
    Objects.requireNonNull(dst, "dst");
    if (src.dpid().equals(dst.dpid()) && src.port().equals(dst.port())) {
      throw new IllegalArgumentException("a link cannot loop back to its own port " + src);
    }
  }

  /** The same cable in the other direction. */
  public Link reverse() {
    return new Link(dst, src);
  }

  /** Whether this link starts or ends at the port. */
  public boolean touches(SwitchPort port) {
    return src.equals(port) || dst.equals(port);
  }

  @Override
  public int compareTo(Link o) {
    int bySrc = src.compareTo(o.src);
    return bySrc != 0 ? bySrc : dst.compareTo(o.dst);
  }

  @Override
  public String toString() {
    return src + "->" + dst;
  }
}
