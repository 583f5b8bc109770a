package org.netservof.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns pieces of a response into table cells. The server's fields may be missing, null, a string where a
 * number was expected (Floodlight writes counters as strings) or an array: every method here accepts all of
 * them and answers {@code null} (printed {@code -}) rather than failing, so a newer server with other fields
 * still gets a readable table.
 */
final class JsonText {
  private JsonText() {}

  /** The first of {@code names} present and not null in {@code node}, or {@code null}. */
  static JsonNode field(JsonNode node, String... names) {
    if (node == null || !node.isObject()) {
      return null;
    }
    for (String name : names) {
      JsonNode v = node.get(name);
      if (v != null && !v.isNull()) {
        return v;
      }
    }
    return null;
  }

  /** The text of the first present field of {@code names}; see {@link #text(JsonNode)}. */
  static String text(JsonNode node, String... names) {
    return text(field(node, names));
  }

  /**
   * A value as one short line: scalars as themselves, arrays joined with commas, objects as {@code k=v}
   * pairs; an object with an {@code id} or {@code name} (a node, a module) as that.
   */
  static String text(JsonNode v) {
    if (v == null || v.isNull() || v.isMissingNode()) {
      return null;
    }
    if (v.isValueNode()) {
      return v.asText();
    }
    if (v.isArray()) {
      List<String> parts = new ArrayList<>();
      v.forEach(e -> {
        String t = text(e);
        if (t != null) {
          parts.add(t);
        }
      });
      return String.join(",", parts);
    }
    JsonNode label = field(v, "id", "name");
    if (label != null && label.isValueNode()) {
      return label.asText();
    }
    return pairs(v);
  }

  /** An object as {@code k=v,k=v} in the server's order; {@code *} for an empty object (a match-all). */
  static String pairs(JsonNode object) {
    if (object == null || !object.isObject()) {
      return text(object);
    }
    if (object.isEmpty()) {
      return "*";
    }
    List<String> parts = new ArrayList<>();
    for (Map.Entry<String, JsonNode> e : object.properties()) {
      parts.add(e.getKey() + "=" + text(e.getValue()));
    }
    return String.join(",", parts);
  }

  /**
   * A time to the second, UTC: epoch milliseconds (Floodlight's {@code connectedSince}) or ISO-8601 text (the
   * NetServ API). Anything else is shown as it came.
   */
  static String time(JsonNode v) {
    if (v == null || v.isNull()) {
      return null;
    }
    if (v.isIntegralNumber()) {
      return Instant.ofEpochMilli(v.asLong()).truncatedTo(ChronoUnit.SECONDS).toString();
    }
    String s = v.asText();
    try {
      return Instant.parse(s).truncatedTo(ChronoUnit.SECONDS).toString();
    } catch (DateTimeParseException e) {
      return s;
    }
  }

  /** The elements of an array, or nothing when {@code v} is not one. */
  static List<JsonNode> elements(JsonNode v) {
    List<JsonNode> out = new ArrayList<>();
    if (v != null && v.isArray()) {
      v.forEach(out::add);
    }
    return out;
  }
}
