package org.netservof.controller.api.fabric;

import java.util.Objects;
import org.netservof.policy.fabric.Link;

/** A link appeared or went away, and why. */
public record LinkEvent(Type type, Link link, String reason) {
  public enum Type { ADDED, REMOVED }

  public LinkEvent {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(link, "link");
    Objects.requireNonNull(reason, "reason");
  }
}
