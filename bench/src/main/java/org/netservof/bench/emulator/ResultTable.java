package org.netservof.bench.emulator;

import java.io.PrintStream;

/** An emulator run's result as a small table, for people. */
final class ResultTable {
  private static final String ROW = "%-30s %s%n";

  private ResultTable() {}

  static void print(EmulatorResult r, PrintStream out) {
    out.printf("OpenFlow %s, %s frames, %s mode, %d/%d switches ready, %d MACs each%s%n", r.version(),
        r.frames().text(), r.mode().name().toLowerCase(), r.switchesReady(), r.switches(), r.macs(),
        r.mode() == EmulatorMode.THROUGHPUT ? ", window " + r.window() : "");
    out.printf(ROW, "responses/s per second", r.perSecond());
    out.printf(ROW, "responses/s min/median/max", r.min() + " / " + r.median() + " / " + r.max());
    out.printf(ROW, "seconds with no response", r.zeroSeconds());
    out.printf(ROW, "responses", r.total());
    out.printf(ROW, "PacketIns answered per second", r.answeredPerSecond());
    out.printf(ROW, "PacketIns answered/s median", r.answeredMedian());
    out.printf(ROW, "PacketIns sent / answered", r.packetIns() + " / " + r.answered());
    out.printf(ROW, "FLOW_MODs / PACKET_OUTs", r.flowMods() + " / " + r.packetOuts());
    out.printf(ROW, "trouble", r.errors() + " errors, " + r.refused() + " requests refused, " + r.lost()
        + " PacketIns lost");
    r.latency().ifPresent(l -> out.printf("%-30s p50 %.1f, p99 %.1f, max %.1f (%d samples)%n", "round trip (us)",
        l.p50(), l.p99(), l.max(), l.samples()));
    r.disrupted().reconnects().ifPresent(c -> out.printf(
        "%-30s %d of %d back in service, connect to first answer p50 %.1f ms, max %.1f ms; PacketIns answered "
            + "%d in %d s before, %d in %d s from the first on%n", "reconnects", c.served(), c.attempted(),
        c.p50Ms(), c.maxMs(), c.answeredBefore(), c.secondsBefore(), c.answeredAfter(), c.secondsAfter()));
    for (HandshakeTiming h : r.disrupted().probes()) {
      print(out, "handshake probe", h);
    }
    r.disrupted().afterDrop().ifPresent(h -> print(out, "handshake after the drop", h));
  }

  private static void print(PrintStream out, String what, HandshakeTiming h) {
    out.printf("%-30s connect to FEATURES_REQUEST %.1f ms, to first answer %.1f ms%n", what, h.featuresMs(),
        h.firstAnswerMs());
  }
}
