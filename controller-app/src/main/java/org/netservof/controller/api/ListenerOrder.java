package org.netservof.controller.api;

import java.util.Objects;
import java.util.Set;

/**
 * Where a listener runs relative to others of the same message type, by their names. Names that no
 * registered listener has are ignored, so a module can order itself against an optional one.
 *
 * @param before listeners this one must run before
 * @param after listeners this one must run after
 */
public record ListenerOrder(Set<String> before, Set<String> after) {
  public static final ListenerOrder NONE = new ListenerOrder(Set.of(), Set.of());

  public ListenerOrder {
    before = Set.copyOf(Objects.requireNonNull(before, "before"));
    after = Set.copyOf(Objects.requireNonNull(after, "after"));
  }

  public static ListenerOrder before(String... names) {
    return new ListenerOrder(Set.of(names), Set.of());
  }

  public static ListenerOrder after(String... names) {
    return new ListenerOrder(Set.of(), Set.of(names));
  }
}
