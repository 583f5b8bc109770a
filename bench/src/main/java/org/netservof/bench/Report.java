package org.netservof.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * A benchmark's result: each row is our figure and the peer's, measured in the same run, and their ratio
 * (left out when the machine was busy with foreign load). Printed as a table and written as JSON.
 */
public final class Report {
  /**
   * One measured quantity.
   *
   * @param higherIsBetter whether a ratio above 1 is good (throughput) or bad (latency)
   */
  public record Row(String measure, String unit, double ours, String peer, OptionalDouble peerValue,
      boolean higherIsBetter) {
    /** ours / peer, when there is a peer and it is not zero. */
    public OptionalDouble ratio() {
      return peerValue.isPresent() && peerValue.getAsDouble() != 0
          ? OptionalDouble.of(ours / peerValue.getAsDouble()) : OptionalDouble.empty();
    }
  }

  private final String name;
  private final String ourLabel;
  private final String peerLabel;
  private final List<Row> rows = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();
  private Machine machine;

  public Report(String name, String ourLabel, String peerLabel, Machine machine) {
    this.name = name;
    this.ourLabel = ourLabel;
    this.peerLabel = peerLabel;
    this.machine = machine;
  }

  public void add(String measure, String unit, double ours, double peer, boolean higherIsBetter) {
    rows.add(new Row(measure, unit, ours, peerLabel, OptionalDouble.of(peer), higherIsBetter));
  }

  /** A row whose peer is not the report's usual one (a second peer, say). */
  public void add(String measure, String unit, double ours, String peer, double peerValue, boolean higherIsBetter) {
    rows.add(new Row(measure, unit, ours, peer, OptionalDouble.of(peerValue), higherIsBetter));
  }

  /** A figure with no peer to hold it against (memory against a goal, say). */
  public void addAlone(String measure, String unit, double ours) {
    rows.add(new Row(measure, unit, ours, peerLabel, OptionalDouble.empty(), false));
  }

  public void note(String text) {
    notes.add(text);
  }

  public List<Row> rows() {
    return List.copyOf(rows);
  }

  /** Whether the machine was busy with foreign load, so that the ratios mean little. */
  public boolean busy() {
    return machine.busy();
  }

  public void finish(Machine finished) {
    this.machine = finished;
  }

  public void print(PrintStream out) {
    out.println();
    out.println("benchmark " + name + " on " + machine);
    out.printf("%-58s %14s %14s %8s%n", "measure", ourLabel, peerLabel, "ratio");
    for (Row r : rows) {
      String ratio = machine.busy() ? "(busy)" : r.ratio().isPresent() ? String.format("%.2f", r.ratio().getAsDouble())
          : "-";
      String measure = r.measure() + " (" + r.unit() + ")" + (r.peer().equals(peerLabel) ? "" : " vs " + r.peer());
      out.printf("%-58s %14s %14s %8s%n", measure, format(r.ours()),
          r.peerValue().isPresent() ? format(r.peerValue().getAsDouble()) : "-", ratio);
    }
    notes.forEach(n -> out.println("  " + n));
    if (machine.busy()) {
      out.println("  the machine was busy (" + machine.busyReason() + "): ratios withheld");
    }
  }

  /** Writes the report to {@code dir/<name>.json}. */
  public Path write(Path dir) throws IOException {
    Files.createDirectories(dir);
    Path file = dir.resolve(name + ".json");
    List<Map<String, Object>> out = new ArrayList<>();
    for (Row r : rows) {
      Map<String, Object> m = new java.util.LinkedHashMap<>();
      m.put("measure", r.measure());
      m.put("unit", r.unit());
      m.put("ours", r.ours());
      m.put("peer_name", r.peer());
      m.put("peer", r.peerValue().isPresent() ? r.peerValue().getAsDouble() : null);
      m.put("ratio", machine.busy() || r.ratio().isEmpty() ? null : r.ratio().getAsDouble());
      out.add(m);
    }
    Map<String, Object> doc = new java.util.LinkedHashMap<>();
    doc.put("benchmark", name);
    doc.put("when", Instant.now().toString());
    doc.put("ours", ourLabel);
    doc.put("peer", peerLabel);
    doc.put("machine", machine);
    doc.put("busy", machine.busy());
    doc.put("rows", out);
    doc.put("notes", notes);
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), doc);
    return file;
  }

  private static String format(double v) {
    if (Double.isNaN(v)) {
      return "n/a";
    }
    return Math.abs(v) >= 100 ? String.format("%.0f", v) : String.format("%.2f", v);
  }
}
