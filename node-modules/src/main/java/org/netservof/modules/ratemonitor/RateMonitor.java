package org.netservof.modules.ratemonitor;

import java.util.LinkedHashMap;
import java.util.Map;
import org.netservof.node.api.ModuleContext;
import org.netservof.node.api.ModuleProperties;
import org.netservof.node.api.NetServModule;
import org.netservof.node.api.Packet;
import org.netservof.node.api.Verdict;

/**
 * The sensor of the thesis's DoS self-protection loop (Appendix B): measures the rate of the traffic
 * steered to it, in packets and bytes a second over a sliding window of {@code window-ms} (default 1000),
 * and reports it against the thresholds {@code warn} and {@code alarm} ({@link RateThresholds}), with the
 * sources sending most ({@link SourceTable}, at most {@code max-sources} a window, default 1024). It
 * forwards everything: deciding what to limit is the manager's job, which reads this report.
 *
 * <p>The state is re-evaluated on every packet and at every report, so it falls back to normal once the
 * traffic stops even though no packet arrives to say so. The thresholds change while it runs
 * ({@link #update}); the window is fixed at start.
 *
 * <p>With {@code publish-ms} N (default 0: never) it also publishes its report to its publisher (the
 * publisher channel) at most every N ms while packets arrive, and at once when the state changes, with only
 * the {@code publish-top} loudest sources (default 3), in a short form ({@link #published}): a manager reads it
 * with {@code PROBE modules}, whose answer is one short line. No traffic, no report: a reader takes a
 * report that stopped changing as the traffic having stopped.
 */
public final class RateMonitor implements NetServModule {
  private static final int TOP = 10;

  private volatile RateThresholds thresholds = RateThresholds.of(Map.of());
  private ModuleContext clock;
  private long windowMs = 1000;
  private SlidingCount count;
  private SourceTable sources;
  private long forwarded;
  private String state = "normal";
  private long stateSince;
  private long stateChanges;
  private long publishMs;
  private int publishTop = 3;
  private long lastPublished;

  @Override
  public synchronized void start(ModuleContext context) {
    Map<String, String> properties = context.properties();
    thresholds = RateThresholds.of(properties);
    windowMs = ModuleProperties.positiveLong(properties, "window-ms", windowMs);
    int maxSources = ModuleProperties.positiveInt(properties, "max-sources", 1024);
    readPublishing(properties);
    clock = context;
    long now = context.nanoTime();
    count = new SlidingCount(windowMs * 1_000_000L, now);
    sources = new SourceTable(maxSources, windowMs * 1_000_000L, now);
    stateSince = now;
  }

  /**
   * New thresholds, applied at once (the state is re-evaluated against them). The window cannot change
   * while the module runs: the counts of the old window would mean nothing in the new one.
   */
  public synchronized void update(ModuleContext context) {
    RateThresholds next = RateThresholds.of(context.properties());
    long window = ModuleProperties.positiveLong(context.properties(), "window-ms", windowMs);
    if (window != windowMs) {
      throw new IllegalArgumentException("property window-ms cannot change while RateMonitor runs (it is "
          + windowMs + "); remove the module and set it up again");
    }
    readPublishing(context.properties());
    thresholds = next;
    if (clock != null) {
      evaluate(clock.nanoTime());
    }
  }

  @Override
  public synchronized Verdict process(Packet packet, ModuleContext context) {
    long now = context.nanoTime();
    count.add(now, packet.length());
    if (packet.isIpv4()) {
      sources.add(packet.ipSource(), packet.length(), now);
    }
    forwarded++;
    boolean changed = evaluate(now);
    if (publishMs > 0 && (changed || now - lastPublished >= publishMs * 1_000_000L)) {
      lastPublished = now;
      context.publish(published(now));
    }
    return Verdict.FORWARD;
  }

  /** publish-ms (0: never) and publish-top; both or neither (a bad value leaves the module as it was). */
  private void readPublishing(Map<String, String> properties) {
    long every = "0".equals(properties.get("publish-ms")) ? 0
        : ModuleProperties.positiveLong(properties, "publish-ms", 0);
    publishTop = ModuleProperties.positiveInt(properties, "publish-top", 3);
    publishMs = every;
  }

  /** Moves to the state the current rate is in; answers whether it changed. */
  private boolean evaluate(long now) {
    String next = thresholds.stateOf(count.packetsPerSecond(now), state);
    if (next.equals(state)) {
      return false;
    }
    state = next;
    stateSince = now;
    stateChanges++;
    return true;
  }

  @Override
  public synchronized Map<String, Object> report() {
    if (clock == null) {
      return new LinkedHashMap<>();
    }
    long now = clock.nanoTime();
    evaluate(now);
    return report(now, TOP);
  }

  /**
   * The published form: the rate, the state and its thresholds, and the loudest sources by packets only, so that
   * a PROBE modules answer, one line of at most 900 characters for all of a user's modules in a domain, holds it.
   */
  private Map<String, Object> published(long now) {
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("packets-per-second", Math.round(count.packetsPerSecond(now)));
    report.put("state", state);
    report.put("warn", thresholds.warn());
    report.put("alarm", thresholds.alarm());
    report.put("forwarded", forwarded);
    report.put("top-sources", sources.top(publishTop, now).stream()
        .map(row -> Map.of("source", row.get("source"), "packets", row.get("packets"))).toList());
    return report;
  }

  private Map<String, Object> report(long now, int top) {
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("packets-per-second", Math.round(count.packetsPerSecond(now)));
    report.put("bytes-per-second", Math.round(count.bytesPerSecond(now)));
    report.put("state", state);
    report.put("state-age-ms", (now - stateSince) / 1_000_000L);
    report.put("state-changes", stateChanges);
    report.put("warn", thresholds.warn());
    report.put("alarm", thresholds.alarm());
    report.put("window-ms", windowMs);
    report.put("forwarded", forwarded);
    report.put("untracked-source-packets", sources.untracked());
    report.put("top-sources", sources.top(top, now));
    return report;
  }
}
