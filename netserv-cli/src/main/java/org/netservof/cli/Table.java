package org.netservof.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A plain-text table for people: a header row, then one row per item, columns separated by two spaces and
 * padded to the widest cell. An empty or missing cell prints as {@code -}, so that a blank never reads as a
 * shifted column. The last column is not padded (no trailing blanks). Scripts should use {@code --json}.
 */
final class Table {
  static final String MISSING = "-";

  private final List<String> headers;
  private final List<List<String>> rows = new ArrayList<>();

  Table(List<String> headers) {
    if (headers.isEmpty()) {
      throw new IllegalArgumentException("headers: a table needs at least one column");
    }
    this.headers = List.copyOf(headers);
  }

  Table(String... headers) {
    this(List.of(headers));
  }

  /** Adds a row; {@code null} or blank cells become {@code -}, missing trailing cells too. */
  Table row(List<String> cells) {
    if (cells.size() > headers.size()) {
      throw new IllegalArgumentException("cells: " + cells.size() + " cells for " + headers.size() + " columns");
    }
    List<String> row = new ArrayList<>(headers.size());
    for (int i = 0; i < headers.size(); i++) {
      row.add(i < cells.size() ? cell(cells.get(i)) : MISSING);
    }
    rows.add(row);
    return this;
  }

  Table row(String... cells) {
    return row(java.util.Arrays.asList(cells));
  }

  int size() {
    return rows.size();
  }

  void print(PrintWriter out) {
    int[] widths = new int[headers.size()];
    for (int i = 0; i < widths.length; i++) {
      widths[i] = headers.get(i).length();
      for (List<String> row : rows) {
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    }
    printRow(out, headers, widths);
    for (List<String> row : rows) {
      printRow(out, row, widths);
    }
    out.flush();
  }

  private static void printRow(PrintWriter out, List<String> cells, int[] widths) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < cells.size(); i++) {
      String cell = cells.get(i);
      line.append(cell);
      if (i < cells.size() - 1) {
        line.append(" ".repeat(widths[i] - cell.length() + 2));
      }
    }
    out.println(line);
  }

  /** One line per cell: a newline inside a value would break every column after it. */
  private static String cell(String value) {
    if (value == null || value.isBlank()) {
      return MISSING;
    }
    return Objects.requireNonNull(value).strip().replaceAll("\\s*[\\r\\n]+\\s*", " ");
  }
}
