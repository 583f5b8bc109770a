package org.netservof.modules.netmonitor;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.netservof.node.api.ModuleContext;
import org.netservof.node.api.ModuleProperties;
import org.netservof.node.api.NetServModule;
import org.netservof.node.api.Packet;
import org.netservof.node.api.Verdict;

/**
 * The thesis's NetMonitor: counts the IPv4 packets it sees by source address, destination address and
 * TTL, and forwards every packet unchanged. The table is bounded ({@code max-entries}, default 65536) so a
 * flood of spoofed sources cannot eat the container's memory: packets of keys beyond it are counted as
 * overflow. The report lists the busiest {@code report-top} keys (default 100). With {@code publish-every} N
 * (default 0: never) it publishes its report to its publisher every N packets (the thesis's visualiser feed);
 * the publisher changes these properties at run time ({@link #update}) and the counters carry on.
 */
public final class NetMonitor implements NetServModule {
  /** One row of the table. */
  public record Key(int source, int destination, int ttl) {}

  private final Map<Key, LongAdder> table = new ConcurrentHashMap<>();
  private final LongAdder nonIp = new LongAdder();
  private final LongAdder overflow = new LongAdder();
  private final LongAdder total = new LongAdder();
  private volatile int maxEntries = 65536;
  private volatile int reportTop = 100;
  private volatile long publishEvery;

  @Override
  public void start(ModuleContext context) {
    int entries = ModuleProperties.positiveInt(context.properties(), "max-entries", 65536);
    int top = ModuleProperties.positiveInt(context.properties(), "report-top", 100);
    long every = "0".equals(context.properties().get("publish-every")) ? 0
        : ModuleProperties.positiveLong(context.properties(), "publish-every", 0);
    maxEntries = entries; // all or nothing: a bad update leaves the module as it was
    reportTop = top;
    publishEvery = every;
  }

  /** New properties applied live: the table and counters stay. */
  @Override
  public void update(ModuleContext context) {
    start(context);
  }

  @Override
  public Verdict process(Packet packet, ModuleContext context) {
    total.increment();
    count(packet);
    long every = publishEvery;
    if (every > 0 && total.sum() % every == 0) {
      context.publish(report()); // after counting: the report includes this packet
    }
    return Verdict.FORWARD;
  }

  private void count(Packet packet) {
    if (!packet.isIpv4()) {
      nonIp.increment();
      return;
    }
    Key key = new Key(packet.ipSource(), packet.ipDestination(), packet.ttl());
    LongAdder count = table.get(key);
    if (count == null) {
      if (table.size() >= maxEntries) {
        overflow.increment();
        return;
      }
      count = table.computeIfAbsent(key, k -> new LongAdder());
    }
    count.increment();
  }

  /** The count of one row (0 when absent). */
  public long count(Key key) {
    LongAdder c = table.get(key);
    return c == null ? 0 : c.sum();
  }

  @Override
  public Map<String, Object> report() {
    List<Map.Entry<Key, Long>> rows = new ArrayList<>();
    table.forEach((k, v) -> rows.add(Map.entry(k, v.sum())));
    rows.sort(Map.Entry.<Key, Long>comparingByValue(Comparator.reverseOrder())
        .thenComparing(e -> e.getKey().toString()));
    List<Map<String, Object>> top = new ArrayList<>();
    for (Map.Entry<Key, Long> row : rows.subList(0, Math.min(reportTop, rows.size()))) {
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("source", Packet.ipText(row.getKey().source()));
      r.put("destination", Packet.ipText(row.getKey().destination()));
      r.put("ttl", row.getKey().ttl());
      r.put("packets", row.getValue());
      top.add(r);
    }
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("packets", total.sum());
    report.put("non-ipv4", nonIp.sum());
    report.put("overflow", overflow.sum());
    report.put("entries", rows.size());
    report.put("publish-every", publishEvery);
    report.put("table", top);
    return report;
  }
}
