package org.netservof.modules.common;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** A server module's named counters, for its report in the order they were named; safe from any thread. */
public final class Counters {
  private final Map<String, LongAdder> counts = new LinkedHashMap<>();

  public Counters(String... names) {
    for (String name : names) {
      counts.put(name, new LongAdder());
    }
  }

  /** Counts one more {@code name}, which must be one of the names given. */
  public void increment(String name) {
    LongAdder counter = counts.get(name);
    if (counter == null) {
      throw new IllegalArgumentException("no counter " + name + "; there are " + counts.keySet());
    }
    counter.increment();
  }

  public Map<String, Object> asMap() {
    Map<String, Object> out = new LinkedHashMap<>();
    counts.forEach((name, counter) -> out.put(name, counter.sum()));
    return out;
  }
}
