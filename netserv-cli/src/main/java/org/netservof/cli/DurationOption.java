package org.netservof.cli;

import java.time.Duration;
import java.util.Locale;
import picocli.CommandLine;

/**
 * Reads a {@code --timeout} as the controller's configuration writes durations: {@code 30s}, {@code 500ms},
 * {@code 2m}, {@code 1h}, or a bare number of seconds. The client keeps its own reader so that it needs
 * nothing of the controller.
 */
final class DurationOption implements CommandLine.ITypeConverter<Duration> {
  @Override
  public Duration convert(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    int digits = 0;
    while (digits < t.length() && Character.isDigit(t.charAt(digits))) {
      digits++;
    }
    String unit = t.substring(digits).trim();
    if (digits == 0 || digits > 12) {
      throw refused(text);
    }
    long n = Long.parseLong(t.substring(0, digits));
    return switch (unit) {
      case "ms" -> Duration.ofMillis(n);
      case "", "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      default -> throw refused(text);
    };
  }

  private static CommandLine.TypeConversionException refused(String text) {
    return new CommandLine.TypeConversionException(
        "duration '" + text + "' is not a number followed by ms, s, m or h (for example 5s)");
  }
}
