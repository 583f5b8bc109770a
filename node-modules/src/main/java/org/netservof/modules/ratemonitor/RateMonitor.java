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

  @Override
  public synchronized void start(ModuleContext context) {
    Map<String, String> properties = context.properties();
    thresholds = RateThresholds.of(properties);
    windowMs = ModuleProperties.positiveLong(properties, "window-ms", windowMs);
    int maxSources = ModuleProperties.positiveInt(properties, "max-sources", 1024);
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
    evaluate(now);
    return Verdict.FORWARD;
  }

  private void evaluate(long now) {
    String next = thresholds.stateOf(count.packetsPerSecond(now), state);
    if (!next.equals(state)) {
      state = next;
      stateSince = now;
      stateChanges++;
    }
  }

  @Override
  public synchronized Map<String, Object> report() {
    Map<String, Object> report = new LinkedHashMap<>();
    if (clock == null) {
      return report;
    }
    long now = clock.nanoTime();
    evaluate(now);
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
    report.put("top-sources", sources.top(TOP, now));
    return report;
  }
}
