package org.netservof.bench.emulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one emulator run measured. Counts cover the measured seconds only, not the warm-up.
 *
 * @param perSecond responses in each second of the run, in order
 * @param zeroSeconds seconds with no response at all (a stalled controller shows here, not in the median)
 * @param lost PacketIns given up on after going unanswered (see {@link EmulatedSwitch#STALL_NANOS})
 * @param latency round trips, in latency mode only
 */
public record EmulatorResult(String version, EmulatorMode mode, int switches, int switchesReady, int macs,
    int window, List<Long> perSecond, long min, double median, long max, int zeroSeconds, long total,
    long packetIns, long flowMods, long packetOuts, long errors, long refused, long lost,
    Optional<Latency> latency) {

  /** Round-trip percentiles in microseconds (nearest rank). */
  public record Latency(long samples, double p50, double p99, double max) {
    static Optional<Latency> of(long[] nanos) {
      if (nanos.length == 0) {
        return Optional.empty();
      }
      long[] sorted = nanos.clone();
      Arrays.sort(sorted);
      return Optional.of(new Latency(sorted.length, micros(rank(sorted, 0.50)), micros(rank(sorted, 0.99)),
          micros(sorted[sorted.length - 1])));
    }

    private static long rank(long[] sorted, double p) {
      int index = (int) Math.ceil(p * sorted.length) - 1;
      return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static double micros(long nanos) {
      return nanos / 1000.0;
    }
  }

  public EmulatorResult {
    perSecond = List.copyOf(perSecond);
  }

  /** Counts of the run's switches over the measured part; {@code total}, min, median and max from {@code perSecond}. */
  static EmulatorResult of(EmulatorConfig config, int switchesReady, List<Long> perSecond, Totals measured,
      Optional<Latency> latency) {
    List<Long> sorted = new ArrayList<>(perSecond);
    sorted.sort(null);
    int n = sorted.size();
    double median = n == 0 ? 0 : n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
    return new EmulatorResult(config.versionText(), config.mode(), config.switches(), switchesReady,
        config.macs(), config.window(), perSecond, n == 0 ? 0 : sorted.get(0), median,
        n == 0 ? 0 : sorted.get(n - 1), (int) perSecond.stream().filter(v -> v == 0).count(),
        perSecond.stream().mapToLong(Long::longValue).sum(), measured.packetIns(), measured.flowMods(),
        measured.packetOuts(), measured.errors(), measured.refused(), measured.lost(), latency);
  }

  /** The switches' counters added up at one moment; the difference of two is what happened between. */
  record Totals(long packetIns, long responses, long flowMods, long packetOuts, long errors, long refused,
      long lost) {
    static Totals of(List<SwitchCounters> counters) {
      long[] t = new long[7];
      for (SwitchCounters c : counters) {
        t[0] += c.packetIns.get();
        t[1] += c.responses.get();
        t[2] += c.flowMods.get();
        t[3] += c.packetOuts.get();
        t[4] += c.errors.get();
        t[5] += c.refused.get();
        t[6] += c.lost.get();
      }
      return new Totals(t[0], t[1], t[2], t[3], t[4], t[5], t[6]);
    }

    Totals minus(Totals o) {
      return new Totals(packetIns - o.packetIns, responses - o.responses, flowMods - o.flowMods,
          packetOuts - o.packetOuts, errors - o.errors, refused - o.refused, lost - o.lost);
    }
  }

  /** The result as a small table. */
  public void print(PrintStream out) {
    out.printf("OpenFlow %s, %s mode, %d/%d switches ready, %d MACs each%s%n", version,
        mode.name().toLowerCase(), switchesReady, switches, macs,
        mode == EmulatorMode.THROUGHPUT ? ", window " + window : "");
    out.printf("%-28s %s%n", "responses/s per second", perSecond);
    out.printf("%-28s %d / %.1f / %d%n", "responses/s min/median/max", min, median, max);
    out.printf("%-28s %d%n", "seconds with no response", zeroSeconds);
    out.printf("%-28s %d%n", "responses", total);
    out.printf("%-28s %d%n", "PacketIns sent", packetIns);
    out.printf("%-28s %d / %d%n", "FLOW_MODs / PACKET_OUTs", flowMods, packetOuts);
    out.printf("%-28s %d errors, %d requests refused, %d PacketIns lost%n", "trouble", errors, refused, lost);
    latency.ifPresent(l -> out.printf("%-28s p50 %.1f, p99 %.1f, max %.1f (%d samples)%n", "round trip (us)",
        l.p50(), l.p99(), l.max(), l.samples()));
  }

  /** The result as one line of JSON. */
  public String json() {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("version", version);
    doc.put("mode", mode.name().toLowerCase());
    doc.put("switches", switches);
    doc.put("switches_ready", switchesReady);
    doc.put("macs", macs);
    doc.put("window", window);
    doc.put("per_second", perSecond);
    doc.put("min", min);
    doc.put("median", median);
    doc.put("max", max);
    doc.put("zero_seconds", zeroSeconds);
    doc.put("total", total);
    doc.put("packet_ins", packetIns);
    doc.put("flow_mods", flowMods);
    doc.put("packet_outs", packetOuts);
    doc.put("errors", errors);
    doc.put("refused", refused);
    doc.put("lost", lost);
    latency.ifPresent(l -> doc.put("latency_us", l)); // the record's components: samples, p50, p99, max
    try {
      return new ObjectMapper().writeValueAsString(doc);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
