package org.netservof.controller.core;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Items kept in the order of their stage, then their name: the listener chains and the switch setup. Each
 * change returns a new list, so readers hold an immutable snapshot and never lock.
 *
 * @param <S> the stages, in the order they run
 */
final class StagedList<S extends Enum<S>, T> {

  /** One item at its place. */
  record Entry<S, T>(S stage, String name, T item) {}

  private final List<Entry<S, T>> entries;

  private StagedList(List<Entry<S, T>> entries) {
    this.entries = List.copyOf(entries);
  }

  static <S extends Enum<S>, T> StagedList<S, T> empty() {
    return new StagedList<>(List.of());
  }

  /**
   * This list with the item added at its place.
   *
   * @param what what the items are, for the message when the name is taken
   * @throws IllegalArgumentException if an item of that name is in the list
   */
  StagedList<S, T> with(S stage, String name, T item, String what) {
    if (entries.stream().anyMatch(e -> e.name().equals(name))) {
      throw new IllegalArgumentException("a " + what + " named '" + name + "' exists already");
    }
    List<Entry<S, T>> next = new ArrayList<>(entries);
    next.add(new Entry<>(stage, name, item));
    next.sort(Comparator.comparing((Entry<S, T> e) -> e.stage()).thenComparing(Entry::name));
    return new StagedList<>(next);
  }

  /** This list without the item (compared by identity); this list itself when it is not there. */
  StagedList<S, T> without(T item) {
    List<Entry<S, T>> next = entries.stream().filter(e -> e.item() != item).toList();
    return next.size() == entries.size() ? this : new StagedList<>(next);
  }

  List<Entry<S, T>> entries() {
    return entries;
  }

  List<String> names() {
    return entries.stream().map(Entry::name).toList();
  }
}
