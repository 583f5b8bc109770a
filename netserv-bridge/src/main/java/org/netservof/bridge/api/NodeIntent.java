package org.netservof.bridge.api;

import java.util.Objects;

/**
 * A node as intent: what it is, its cookie index (stable, because entries on the switches carry it), and
 * whether an operator drains it.
 */
public record NodeIntent(NodeSpec spec, int index, boolean draining) {
  public NodeIntent {
    Objects.requireNonNull(spec, "spec");
    if (index < 1 || index > 0xffff) {
      throw new IllegalArgumentException("node index must be in 1..65535, was " + index);
    }
  }
}
