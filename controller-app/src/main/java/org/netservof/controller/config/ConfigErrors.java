package org.netservof.controller.config;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Turns a Jackson mapping error into what the user wrote wrong, in the words of the file: where (the dotted
 * path, list entries by their {@code name} when they have one, as in {@code users.alice}), what is wrong, and
 * what was expected ("a whole number", "a list"), never Java types or Jackson settings.
 */
final class ConfigErrors {

  /** Where in the file, and what the file holds there. */
  private record Place(String path, String parent, String field, JsonNode given) {}

  private ConfigErrors() {}

  /**
   * @param key the top-level key whose value failed to bind
   * @param value the value as bound (the file's keys merged over the defaults)
   */
  static String describe(String key, JsonNode value, JsonMappingException e) {
    Place at = locate(key, value, e.getPath());
    if (e instanceof UnrecognizedPropertyException u) {
      return "unknown field '" + u.getPropertyName() + "' in '" + at.parent() + "' (known: "
          + u.getKnownPropertyIds().stream().map(String::valueOf).sorted().collect(Collectors.joining(", ")) + ")";
    }
    if (e instanceof ValueInstantiationException v && v.getCause() != null) {
      return at.path() + ": " + v.getCause().getMessage();
    }
    if (e instanceof MismatchedInputException m && m.getTargetType() != null && isEmpty(at.given())) {
      return at.parent() + ": field '" + at.field() + "' is empty; it needs " + expected(m.getTargetType());
    }
    if (e instanceof InvalidFormatException f) {
      return "'" + f.getValue() + "' is not " + expected(f.getTargetType()) + " for '" + at.path() + "'";
    }
    if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
      return mismatch(at, m.getTargetType());
    }
    return at.path() + ": " + firstLine(e.getOriginalMessage());
  }

  private static String mismatch(Place at, Class<?> target) {
    String wanted = expected(target);
    if (at.given() == null || at.given().isMissingNode()) {
      return (at.field().isEmpty() ? at.path() : at.parent()) + ": missing field '" + at.field() + "' (" + wanted + ")";
    }
    return "'" + at.path() + "' needs " + wanted + ", not " + kind(at.given());
  }

  /** Walks the value along the error's path, naming list entries by their name where they have one. */
  private static Place locate(String key, JsonNode value, List<JsonMappingException.Reference> path) {
    StringBuilder where = new StringBuilder(key);
    String parent = key;
    String field = "";
    JsonNode node = value;
    for (JsonMappingException.Reference r : path) {
      parent = where.toString();
      JsonNode next = node == null ? null
          : r.getFieldName() != null ? node.get(r.getFieldName()) : node.get(r.getIndex());
      field = r.getFieldName() != null ? r.getFieldName() : "";
      if (r.getFieldName() != null) {
        where.append('.').append(r.getFieldName());
      } else if (next != null && next.path("name").isTextual()) {
        where.append('.').append(next.get("name").asText());
      } else {
        where.append('[').append(r.getIndex()).append(']');
      }
      node = next;
    }
    return new Place(where.toString(), parent, field, node);
  }

  /** What a value of the type is, as the user writes it. */
  static String expected(Class<?> c) {
    if (c == int.class || c == long.class || c == short.class || c == Integer.class || c == Long.class
        || c == Short.class || c == java.math.BigInteger.class) {
      return "a whole number";
    }
    if (c == double.class || c == float.class || Number.class.isAssignableFrom(c)) {
      return "a number";
    }
    if (c == boolean.class || c == Boolean.class) {
      return "true or false";
    }
    if (c == String.class) {
      return "a text";
    }
    if (c.isEnum()) {
      return "one of " + Arrays.stream(c.getEnumConstants()).map(String::valueOf).collect(Collectors.joining(", "));
    }
    if (Collection.class.isAssignableFrom(c) || c.isArray()) {
      return "a list";
    }
    if (c == Duration.class) {
      return "a duration (for example 5s or 250ms)";
    }
    return Map.class.isAssignableFrom(c) || c.isRecord() ? "a map of fields" : "a " + c.getSimpleName();
  }

  /** YAML reads {@code key:} with nothing after it as null or as empty text. */
  private static boolean isEmpty(JsonNode given) {
    return given != null && (given.isNull() || given.isTextual() && given.asText().isBlank());
  }

  private static String kind(JsonNode given) {
    if (given.isTextual()) {
      return "the text '" + given.asText() + "'";
    }
    if (given.isArray()) {
      return "a list";
    }
    if (given.isObject()) {
      return "a map";
    }
    return "'" + given.asText() + "'";
  }

  private static String firstLine(String message) {
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
