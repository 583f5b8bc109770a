package org.netservof.modules.ratemonitor;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.netservof.node.api.Packet;

/**
 * Packets and bytes per IPv4 source over the current and the previous window, so the top sources are the
 * ones sending now, not since the module started. At most {@code maxSources} sources a window are tracked;
 * the rest are counted together, so a flood of spoofed sources cannot grow the table. Not thread-safe.
 */
final class SourceTable {
  private final int maxSources;
  private final long windowNanos;
  private Map<Integer, long[]> current = new HashMap<>();
  private Map<Integer, long[]> previous = new HashMap<>();
  private long window;
  private long untracked;

  SourceTable(int maxSources, long windowNanos, long now) {
    this.maxSources = maxSources;
    this.windowNanos = windowNanos;
    this.window = now / windowNanos;
  }

  void add(int source, int frameBytes, long now) {
    roll(now);
    long[] counts = current.get(source);
    if (counts == null) {
      if (current.size() >= maxSources) {
        untracked++;
        return;
      }
      counts = new long[2];
      current.put(source, counts);
    }
    counts[0]++;
    counts[1] += frameBytes;
  }

  /** Packets from sources beyond the table since the module started. */
  long untracked() {
    return untracked;
  }

  /** The {@code limit} sources that sent most packets in the last two windows, most first. */
  List<Map<String, Object>> top(int limit, long now) {
    roll(now);
    Map<Integer, long[]> merged = new HashMap<>();
    for (Map<Integer, long[]> table : List.of(previous, current)) {
      table.forEach((source, counts) -> {
        long[] sum = merged.computeIfAbsent(source, s -> new long[2]);
        sum[0] += counts[0];
        sum[1] += counts[1];
      });
    }
    List<Map.Entry<Integer, long[]>> sorted = new ArrayList<>(merged.entrySet());
    sorted.sort((a, b) -> Long.compare(b.getValue()[0], a.getValue()[0]));
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Map.Entry<Integer, long[]> e : sorted.subList(0, Math.min(limit, sorted.size()))) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("source", Packet.ipText(e.getKey()));
      row.put("packets", e.getValue()[0]);
      row.put("bytes", e.getValue()[1]);
      rows.add(row);
    }
    return rows;
  }

  /** Starts a new window when {@code now} is past the current one; older than the previous is forgotten. */
  private void roll(long now) {
    long w = now / windowNanos;
    if (w <= window) {
      return;
    }
    previous = w == window + 1 ? current : new HashMap<>();
    current = new HashMap<>();
    window = w;
  }
}
