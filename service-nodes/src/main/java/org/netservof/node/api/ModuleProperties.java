package org.netservof.node.api;

import java.util.Map;

/**
 * Reading a module's install {@code properties}: a value that is present but wrong fails the module's
 * start with a message naming the property, so the install is refused rather than run with a default the
 * user did not ask for.
 */
public final class ModuleProperties {
  private ModuleProperties() {}

  /** A whole number above zero, or {@code fallback} when absent. */
  public static long positiveLong(Map<String, String> properties, String key, long fallback) {
    String text = properties.get(key);
    if (text == null) {
      return fallback;
    }
    try {
      long value = Long.parseLong(text.trim());
      if (value > 0) {
        return value;
      }
    } catch (NumberFormatException e) {
      // the message below says what is wanted
    }
    throw new IllegalArgumentException("property " + key + " must be a whole number above 0, was '" + text + "'");
  }

  /** A whole number above zero that fits an int, or {@code fallback} when absent. */
  public static int positiveInt(Map<String, String> properties, String key, int fallback) {
    long value = positiveLong(properties, key, fallback);
    if (value > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("property " + key + " must be at most " + Integer.MAX_VALUE + ", was "
          + value);
    }
    return (int) value;
  }

  /** A port number, 1..65535, or {@code fallback} when absent. */
  public static int port(Map<String, String> properties, String key, int fallback) {
    int value = positiveInt(properties, key, fallback);
    if (value > 65535) {
      throw new IllegalArgumentException("property " + key + " must be a port number (1..65535), was " + value);
    }
    return value;
  }
}
