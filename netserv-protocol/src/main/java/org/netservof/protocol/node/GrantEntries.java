package org.netservof.protocol.node;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/** How a grant's configuration entries are read: a bounded count, each parsed, duplicates once, order kept. */
final class GrantEntries {
  private GrantEntries() {}

  /**
   * @param key the configuration key, for the message
   * @throws IllegalArgumentException when there are more than {@code max} entries, or as {@code one} throws
   */
  static <T> List<T> parse(List<String> entries, String key, int max, Function<String, T> one) {
    if (entries.size() > max) {
      throw new IllegalArgumentException(key + ": at most " + max + " entries, not " + entries.size());
    }
    Set<T> parsed = new LinkedHashSet<>();
    for (String entry : entries) {
      parsed.add(one.apply(entry));
    }
    return new ArrayList<>(parsed);
  }
}
