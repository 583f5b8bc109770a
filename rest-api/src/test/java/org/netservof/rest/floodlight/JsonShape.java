package org.netservof.rest.floodlight;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Compares the shape of two JSON documents: the same keys, recursively, and the same kinds of value (string,
 * number, boolean, array, object). Values themselves are not compared. Three things are data rather than
 * shape and are compared loosely:
 * <ul>
 *   <li>objects keyed by DPID ({@code /all/} bodies, archipelagos, roles): every value has the shape of the
 *       expected object's first value;</li>
 *   <li>array elements: every element has the shape of the expected array's first element (an empty array on
 *       either side only has to be an array);</li>
 *   <li>open objects (a flow's {@code match}, {@code instructions}): any keys; the values' kind is one the
 *       expected object uses.</li>
 * </ul>
 */
final class JsonShape {
  private static final Pattern DPID = Pattern.compile("([0-9a-f]{2}:){7}[0-9a-f]{2}");
  /** Keys whose object holds data-dependent keys. */
  private static final Set<String> OPEN = Set.of("match", "instructions");

  private JsonShape() {}

  /** Every difference, as {@code path: what}; empty when the shapes agree. */
  static List<String> differences(JsonNode expected, JsonNode actual) {
    List<String> out = new ArrayList<>();
    compare("$", expected, actual, out);
    return out;
  }

  private static void compare(String path, JsonNode expected, JsonNode actual, List<String> out) {
    if (kind(expected) != kind(actual)) {
      out.add(path + ": expected " + kind(expected) + " but was " + kind(actual) + " (" + actual + ")");
      return;
    }
    if (expected.isArray()) {
      if (expected.size() > 0) {
        for (int i = 0; i < actual.size(); i++) {
          compare(path + "[" + i + "]", expected.get(0), actual.get(i), out);
        }
      }
    } else if (expected.isObject()) {
      if (expected.size() > 0 && keyedByDpid(expected)) {
        JsonNode template = expected.elements().next();
        for (Iterator<Map.Entry<String, JsonNode>> it = actual.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> e = it.next();
          if (!DPID.matcher(e.getKey()).matches()) {
            out.add(path + ": key '" + e.getKey() + "' is not a DPID");
          }
          compare(path + "." + e.getKey(), template, e.getValue(), out);
        }
        return;
      }
      Set<String> expectedKeys = keys(expected);
      Set<String> actualKeys = keys(actual);
      for (String k : expectedKeys) {
        if (!actualKeys.contains(k)) {
          out.add(path + ": missing key '" + k + "'");
        } else if (OPEN.contains(k)) {
          compareOpen(path + "." + k, expected.get(k), actual.get(k), out);
        } else {
          compare(path + "." + k, expected.get(k), actual.get(k), out);
        }
      }
      for (String k : actualKeys) {
        if (!expectedKeys.contains(k)) {
          out.add(path + ": unexpected key '" + k + "'");
        }
      }
    }
  }

  private static void compareOpen(String path, JsonNode expected, JsonNode actual, List<String> out) {
    if (!actual.isObject()) {
      out.add(path + ": expected object but was " + kind(actual));
      return;
    }
    Set<Kind> kinds = new TreeSet<>();
    expected.elements().forEachRemaining(v -> kinds.add(kind(v)));
    for (Iterator<Map.Entry<String, JsonNode>> it = actual.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!kinds.isEmpty() && !kinds.contains(kind(e.getValue()))) {
        out.add(path + "." + e.getKey() + ": expected one of " + kinds + " but was " + kind(e.getValue()));
      }
    }
  }

  private static boolean keyedByDpid(JsonNode object) {
    for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
      if (!DPID.matcher(it.next()).matches()) {
        return false;
      }
    }
    return true;
  }

  private static Set<String> keys(JsonNode object) {
    Set<String> keys = new TreeSet<>();
    object.fieldNames().forEachRemaining(keys::add);
    return keys;
  }

  enum Kind { STRING, NUMBER, BOOLEAN, NULL, ARRAY, OBJECT }

  static Kind kind(JsonNode n) {
    if (n.isTextual()) {
      return Kind.STRING;
    } else if (n.isNumber()) {
      return Kind.NUMBER;
    } else if (n.isBoolean()) {
      return Kind.BOOLEAN;
    } else if (n.isArray()) {
      return Kind.ARRAY;
    } else if (n.isObject()) {
      return Kind.OBJECT;
    }
    return Kind.NULL;
  }
}
