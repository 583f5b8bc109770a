package org.netservof.rest.floodlight.staticentry;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A static entry as Floodlight's clients post it: a flat object of text values (keys lowercased and trimmed,
 * as Floodlight does), plus the one nested value, {@code group_buckets}. Kept as given so the entry can be
 * parsed again for a switch that reconnects with another OpenFlow version.
 *
 * @param fields every key but {@code group_buckets}, in the order posted
 * @param buckets the group's buckets, each a flat object; empty for a flow
 */
public record EntryRequest(Map<String, String> fields, List<Map<String, String>> buckets) {
  public static final String BUCKETS = "group_buckets";

  public EntryRequest {
    fields = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    buckets = buckets.stream().map(b -> java.util.Collections.unmodifiableMap(new LinkedHashMap<>(b))).toList();
  }

  /**
   * Reads a posted body. Floodlight's clients send every value as a JSON string; numbers and booleans are
   * taken as their text too, since writing {@code "priority": 100} is the obvious mistake to forgive.
   *
   * @throws IllegalArgumentException if the body is not an object of scalars (and bucket objects)
   */
  public static EntryRequest fromJson(JsonNode body) {
    if (body == null || !body.isObject()) {
      throw new IllegalArgumentException("the body must be a JSON object of Floodlight entry fields");
    }
    Map<String, String> fields = new LinkedHashMap<>();
    List<Map<String, String>> buckets = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String key = normalise(e.getKey());
      if (key.equals(BUCKETS)) {
        buckets.addAll(buckets(e.getValue()));
      } else {
        fields.put(key, scalar(key, e.getValue()));
      }
    }
    return new EntryRequest(fields, buckets);
  }

  public Optional<String> get(String key) {
    return Optional.ofNullable(fields.get(key));
  }

  private static List<Map<String, String>> buckets(JsonNode value) {
    if (!value.isArray()) {
      throw new IllegalArgumentException(BUCKETS + " must be a JSON array of bucket objects");
    }
    List<Map<String, String>> out = new ArrayList<>();
    for (JsonNode bucket : value) {
      if (!bucket.isObject()) {
        throw new IllegalArgumentException(BUCKETS + ": every bucket must be a JSON object");
      }
      Map<String, String> b = new LinkedHashMap<>();
      bucket.fields().forEachRemaining(e -> {
        String key = normalise(e.getKey());
        b.put(key, scalar(BUCKETS + "." + key, e.getValue()));
      });
      out.add(b);
    }
    return out;
  }

  private static String scalar(String key, JsonNode value) {
    if (!value.isValueNode() || value.isNull()) {
      throw new IllegalArgumentException("field '" + key + "' must be a string (Floodlight's entries hold text "
          + "values), not " + value.getNodeType().name().toLowerCase(Locale.ROOT));
    }
    return value.asText().strip();
  }

  private static String normalise(String key) {
    return key.strip().toLowerCase(Locale.ROOT);
  }
}
