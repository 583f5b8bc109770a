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
 * @param perSecond responses (FLOW_MODs and PACKET_OUTs, see {@link Answers#isResponse}) in each second of the
 *     run, in order
 * @param zeroSeconds seconds with no response at all (a stalled controller shows here, not in the median)
 * @param answeredPerSecond distinct PacketIns answered in each second: a PacketIn answered with a FLOW_MOD
 *     and a PACKET_OUT is two responses and one PacketIn answered
 * @param lost PacketIns given up on after going unanswered (see {@link EmulatedSwitch#STALL_NANOS})
 * @param latency round trips, in latency mode only
 */
public record EmulatorResult(String version, FrameStyle frames, EmulatorMode mode, int switches, int switchesReady,
    int macs, int window, List<Long> perSecond, long min, double median, long max, int zeroSeconds, long total,
    List<Long> answeredPerSecond, double answeredMedian, long answered, long packetIns, long flowMods,
    long packetOuts, long errors, long refused, long lost, Optional<Latency> latency, Disrupted disrupted) {

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

  /**
   * What the run's {@link Disruption} measured.
   *
   * @param probes each handshake probe's times, in order
   * @param afterDrop the handshake of the switch that connected right after all the others dropped
   */
  public record Disrupted(Optional<Reconnects> reconnects, List<HandshakeTiming> probes,
      Optional<HandshakeTiming> afterDrop) {
    public static final Disrupted NONE = new Disrupted(Optional.empty(), List.of(), Optional.empty());

    public Disrupted {
      probes = List.copyOf(probes);
    }
  }

  public EmulatorResult {
    perSecond = List.copyOf(perSecond);
    answeredPerSecond = List.copyOf(answeredPerSecond);
  }

  /** Counts of the run's switches over the measured part; {@code total}, min, median and max from {@code perSecond}. */
  static EmulatorResult of(EmulatorConfig config, int switchesReady, List<Long> perSecond,
      List<Long> answeredPerSecond, Totals measured, Optional<Latency> latency, Disrupted disrupted) {
    List<Long> sorted = new ArrayList<>(perSecond);
    sorted.sort(null);
    int n = sorted.size();
    return new EmulatorResult(config.versionText(), config.frames(), config.mode(), config.switches(),
        switchesReady, config.macs(), config.window(), perSecond, n == 0 ? 0 : sorted.get(0), median(perSecond),
        n == 0 ? 0 : sorted.get(n - 1), (int) perSecond.stream().filter(v -> v == 0).count(),
        perSecond.stream().mapToLong(Long::longValue).sum(), answeredPerSecond, median(answeredPerSecond),
        measured.answered(), measured.packetIns(), measured.flowMods(), measured.packetOuts(), measured.errors(),
        measured.refused(), measured.lost(), latency, disrupted);
  }

  /** A run in which no switch got through the handshake. */
  static EmulatorResult noneReady(EmulatorConfig config) {
    return of(config, 0, List.of(), List.of(), new Totals(0, 0, 0, 0, 0, 0, 0, 0), Optional.empty(),
        Disrupted.NONE);
  }

  private static double median(List<Long> values) {
    List<Long> sorted = new ArrayList<>(values);
    sorted.sort(null);
    int n = sorted.size();
    return n == 0 ? 0 : n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
  }

  /** The switches' counters added up at one moment; the difference of two is what happened between. */
  record Totals(long packetIns, long responses, long answered, long flowMods, long packetOuts, long errors,
      long refused, long lost) {
    static Totals of(List<SwitchCounters> counters) {
      long[] t = new long[8];
      for (SwitchCounters c : counters) {
        t[0] += c.packetIns.get();
        t[2] += c.answered.get(); // before responses: a switch counts a response before the answer in it
        t[1] += c.responses.get();
        t[3] += c.flowMods.get();
        t[4] += c.packetOuts.get();
        t[5] += c.errors.get();
        t[6] += c.refused.get();
        t[7] += c.lost.get();
      }
      return new Totals(t[0], t[1], t[2], t[3], t[4], t[5], t[6], t[7]);
    }

    Totals minus(Totals o) {
      return new Totals(packetIns - o.packetIns, responses - o.responses, answered - o.answered,
          flowMods - o.flowMods, packetOuts - o.packetOuts, errors - o.errors, refused - o.refused, lost - o.lost);
    }
  }

  /** The result as a small table. */
  public void print(PrintStream out) {
    ResultTable.print(this, out);
  }

  /** The result as one line of JSON. */
  public String json() {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("version", version);
    doc.put("frames", frames.text());
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
    doc.put("answered_per_second", answeredPerSecond);
    doc.put("answered_median", answeredMedian);
    doc.put("answered", answered);
    doc.put("packet_ins", packetIns);
    doc.put("flow_mods", flowMods);
    doc.put("packet_outs", packetOuts);
    doc.put("errors", errors);
    doc.put("refused", refused);
    doc.put("lost", lost);
    latency.ifPresent(l -> doc.put("latency_us", l)); // the record's components: samples, p50, p99, max
    disrupted.reconnects().ifPresent(r -> doc.put("reconnects", r));
    if (!disrupted.probes().isEmpty()) {
      doc.put("handshake_probes_ms", disrupted.probes());
    }
    disrupted.afterDrop().ifPresent(h -> doc.put("handshake_after_drop_ms", h));
    try {
      return new ObjectMapper().writeValueAsString(doc);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
