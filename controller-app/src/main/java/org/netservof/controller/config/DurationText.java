package org.netservof.controller.config;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as people write them in configuration: {@code 250ms}, {@code 5s}, {@code 2m}, {@code 1h}; a
 * bare number means seconds.
 */
public final class DurationText {
  private static final Pattern TEXT = Pattern.compile("(\\d+)\\s*(ms|s|m|h)");

  private DurationText() {}

  /**
   * Parses a duration.
   *
   * @throws IllegalArgumentException naming the accepted forms
   */
  public static Duration parse(String text) {
    String trimmed = text.trim();
    if (trimmed.chars().allMatch(Character::isDigit) && !trimmed.isEmpty()) {
      return Duration.ofSeconds(Long.parseLong(trimmed));
    }
    Matcher m = TEXT.matcher(trimmed);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "duration '" + text + "' is not a number followed by ms, s, m or h (for example 5s)");
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "ms" -> Duration.ofMillis(n);
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      default -> Duration.ofHours(n);
    };
  }

  /** The shortest exact text for a duration: {@code 5s}, {@code 250ms}, {@code 2m}. */
  public static String format(Duration d) {
    long ms = d.toMillis();
    if (ms % 3_600_000 == 0 && ms != 0) {
      return ms / 3_600_000 + "h";
    } else if (ms % 60_000 == 0 && ms != 0) {
      return ms / 60_000 + "m";
    } else if (ms % 1000 == 0) {
      return ms / 1000 + "s";
    }
    return ms + "ms";
  }

  /** Jackson support for reading and writing durations in this form. */
  static SimpleModule jacksonModule() {
    SimpleModule module = new SimpleModule("netservof-durations");
    module.addSerializer(Duration.class, new StdSerializer<>(Duration.class) {
      @Override
      public void serialize(Duration value, JsonGenerator gen, SerializerProvider provider) throws IOException {
        gen.writeString(format(value));
      }
    });
    module.addDeserializer(Duration.class, new StdDeserializer<>(Duration.class) {
      @Override
      public Duration deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NUMBER_INT) {
          return Duration.ofSeconds(p.getLongValue());
        }
        if (p.currentToken() != JsonToken.VALUE_STRING) {
          return (Duration) ctxt.handleUnexpectedToken(Duration.class, p);
        }
        try {
          return parse(p.getText());
        } catch (IllegalArgumentException e) {
          throw ctxt.weirdStringException(p.getText(), Duration.class, e.getMessage());
        }
      }
    });
    return module;
  }
}
