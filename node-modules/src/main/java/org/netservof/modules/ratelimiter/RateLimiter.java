package org.netservof.modules.ratelimiter;

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
 * A token bucket per IPv4 source: each source may send {@code rate} packets a second on average and
 * {@code burst} at once (default: one second's worth); the excess is dropped and counted. Frames that are
 * not IPv4 pass. Sources beyond {@code max-sources} (default 65536) share one bucket, so a flood of spoofed
 * addresses is limited as one source instead of growing the table.
 */
public final class RateLimiter implements NetServModule {

  /** One source's bucket; written only by the packet thread, read by reports. */
  private static final class Bucket {
    double tokens;
    long last;
    volatile long passed;
    volatile long dropped;

    Bucket(double tokens, long now) {
      this.tokens = tokens;
      this.last = now;
    }
  }

  private final Map<Integer, Bucket> buckets = new ConcurrentHashMap<>();
  private final LongAdder passed = new LongAdder();
  private final LongAdder dropped = new LongAdder();
  private Bucket shared;
  private long rate = 1000;
  private long burst;
  private int maxSources = 65536;

  @Override
  public void start(ModuleContext context) {
    rate = ModuleProperties.positiveLong(context.properties(), "rate", rate);
    burst = ModuleProperties.positiveLong(context.properties(), "burst", rate);
    maxSources = ModuleProperties.positiveInt(context.properties(), "max-sources", maxSources);
    shared = new Bucket(burst, context.nanoTime());
  }

  @Override
  public Verdict process(Packet packet, ModuleContext context) {
    if (!packet.isIpv4()) {
      passed.increment();
      return Verdict.FORWARD;
    }
    long now = context.nanoTime();
    Bucket bucket = bucketOf(packet.ipSource(), now);
    bucket.tokens = Math.min(burst, bucket.tokens + (now - bucket.last) * (rate / 1e9));
    bucket.last = now;
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      bucket.passed++;
      passed.increment();
      return Verdict.FORWARD;
    }
    bucket.dropped++;
    dropped.increment();
    return Verdict.DROP;
  }

  private Bucket bucketOf(int source, long now) {
    Bucket b = buckets.get(source);
    if (b != null) {
      return b;
    }
    if (buckets.size() >= maxSources) {
      return shared;
    }
    b = new Bucket(burst, now);
    buckets.put(source, b);
    return b;
  }

  @Override
  public Map<String, Object> report() {
    List<Map.Entry<Integer, Bucket>> limited = new ArrayList<>();
    buckets.forEach((source, bucket) -> {
      if (bucket.dropped > 0) {
        limited.add(Map.entry(source, bucket));
      }
    });
    limited.sort(Comparator.comparingLong((Map.Entry<Integer, Bucket> e) -> e.getValue().dropped).reversed());
    List<Map<String, Object>> top = new ArrayList<>();
    for (Map.Entry<Integer, Bucket> e : limited.subList(0, Math.min(20, limited.size()))) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("source", Packet.ipText(e.getKey()));
      row.put("passed", e.getValue().passed);
      row.put("dropped", e.getValue().dropped);
      top.add(row);
    }
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("rate", rate);
    report.put("burst", burst);
    report.put("passed", passed.sum());
    report.put("dropped", dropped.sum());
    report.put("sources", buckets.size());
    report.put("shared-bucket-dropped", shared == null ? 0 : shared.dropped);
    report.put("limited", top);
    return report;
  }
}
