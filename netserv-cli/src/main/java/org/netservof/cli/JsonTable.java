package org.netservof.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** Builds {@link Table}s from JSON: chosen columns for known resources, every field for the rest. */
final class JsonTable {
  /** A column: its header and how to get its cell from one item (null or blank prints {@code -}). */
  record Column(String header, Function<JsonNode, String> cell) {}

  private JsonTable() {}

  static Column column(String header, Function<JsonNode, String> cell) {
    return new Column(header, cell);
  }

  /** A column showing the first present field of {@code names} (kebab-case first, camelCase as fallback). */
  static Column field(String header, String... names) {
    return new Column(header, item -> JsonText.text(item, names));
  }

  static Table of(List<Column> columns, List<JsonNode> items) {
    Table t = new Table(columns.stream().map(Column::header).toList());
    for (JsonNode item : items) {
      List<String> cells = new ArrayList<>(columns.size());
      for (Column c : columns) {
        cells.add(c.cell().apply(item));
      }
      t.row(cells);
    }
    return t;
  }

  /**
   * A single object a write sent back: a one-row table of {@code table}'s columns when it is an item of that
   * collection (it has an {@code id}), else every field of it.
   */
  static Table one(JsonNode tree, Function<List<JsonNode>, Table> table) {
    return tree.isObject() && tree.has("id") ? table.apply(List.of(tree)) : details(tree);
  }

  /**
   * Every top-level field of the items as a column, in the order first seen: for resources whose shape this
   * client does not know in detail, so that nothing the server says is hidden.
   */
  static Table generic(List<JsonNode> items) {
    Set<String> names = new LinkedHashSet<>();
    for (JsonNode item : items) {
      if (item.isObject()) {
        item.properties().forEach(e -> names.add(e.getKey()));
      }
    }
    if (names.isEmpty()) {
      names.add("value");
    }
    List<Column> columns = new ArrayList<>();
    for (String name : names) {
      columns.add(new Column(name.toUpperCase(Locale.ROOT),
          item -> item.isObject() ? JsonText.text(item, name) : JsonText.text(item)));
    }
    return of(columns, items);
  }

  /**
   * One object as FIELD / VALUE lines: nested objects flattened to dotted names ({@code module.name},
   * {@code counters.packets}), arrays of objects numbered ({@code entries[0].dpid}).
   */
  static Table details(JsonNode object) {
    Table t = new Table("FIELD", "VALUE");
    flatten("", object, t);
    return t;
  }

  private static void flatten(String prefix, JsonNode v, Table t) {
    if (v.isObject() && !v.isEmpty()) {
      for (Map.Entry<String, JsonNode> e : v.properties()) {
        flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), t);
      }
    } else if (v.isArray() && hasContainers(v)) {
      for (int i = 0; i < v.size(); i++) {
        flatten(prefix + "[" + i + "]", v.get(i), t);
      }
    } else {
      t.row(prefix.isEmpty() ? "value" : prefix, JsonText.text(v));
    }
  }

  private static boolean hasContainers(JsonNode array) {
    for (JsonNode e : array) {
      if (e.isContainerNode()) {
        return true;
      }
    }
    return false;
  }
}
