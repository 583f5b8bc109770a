package org.netservof.controller.api.fabric;

import java.util.Objects;
import java.util.Optional;

/**
 * A host appeared, moved, changed (new address) or went away.
 *
 * @param previous the host before the change; empty for {@link Type#ADDED}
 * @param current the host after the change; for {@link Type#REMOVED}, the host as it was
 */
public record HostEvent(Type type, Optional<Host> previous, Host current) {
  public enum Type { ADDED, MOVED, UPDATED, REMOVED }

  public HostEvent {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(previous, "previous");
    Objects.requireNonNull(current, "current");
  }
}
