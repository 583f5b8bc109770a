package org.netservof.rest.floodlight;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Times as Floodlight writes them, Java's {@code Date.toString()} ("Sat Dec 05 12:00:00 UTC 2026"), in UTC. */
final class FloodlightDate {
  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("EEE MMM dd HH:mm:ss zzz yyyy",
      Locale.ROOT).withZone(ZoneId.of("UTC"));

  private FloodlightDate() {}

  static String of(Instant instant) {
    return DATE.format(instant);
  }
}
