package org.netservof.rest.floodlight.syntax;

import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.projectfloodlight.openflow.types.DatapathId;
import org.projectfloodlight.openflow.types.OFGroup;
import org.projectfloodlight.openflow.types.OFPort;

/**
 * Floodlight's value syntax: numbers in decimal or {@code 0x} hex, ports and groups by number or name.
 * Every failure is an {@link IllegalArgumentException} that names the field and the accepted form.
 */
public final class Values {
  private static final Map<String, OFPort> PORTS = Map.of("local", OFPort.LOCAL, "controller", OFPort.CONTROLLER,
      "all", OFPort.ALL, "flood", OFPort.FLOOD, "normal", OFPort.NORMAL, "table", OFPort.TABLE,
      "in_port", OFPort.IN_PORT, "any", OFPort.ANY, "max", OFPort.MAX);
  private static final Map<String, OFGroup> GROUPS = Map.of("any", OFGroup.ANY, "all", OFGroup.ALL,
      "max", OFGroup.MAX);

  private Values() {}

  /** A number in {@code min..max}, decimal or {@code 0x} hex. */
  public static long number(String field, String text, long min, long max) {
    long value;
    try {
      String t = text.strip().toLowerCase(Locale.ROOT);
      value = t.startsWith("0x") ? Long.parseUnsignedLong(t.substring(2), 16) : Long.parseLong(t);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(field + ": '" + text + "' is not a number (decimal or 0x hex)");
    }
    if (value < min || value > max) {
      throw new IllegalArgumentException(field + ": " + text + " is outside " + min + ".." + max);
    }
    return value;
  }

  public static int integer(String field, String text, int min, int max) {
    return (int) number(field, text, min, max);
  }

  /** A 64-bit unsigned value (cookies, metadata, tunnel ids): decimal or {@code 0x} hex. */
  public static long unsigned64(String field, String text) {
    try {
      String t = text.strip().toLowerCase(Locale.ROOT);
      return t.startsWith("0x") ? Long.parseUnsignedLong(t.substring(2), 16) : Long.parseUnsignedLong(t);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(field + ": '" + text + "' is not an unsigned 64-bit number");
    }
  }

  public static boolean bool(String field, String text) {
    return switch (text.strip().toLowerCase(Locale.ROOT)) {
      case "true", "yes", "1" -> true;
      case "false", "no", "0" -> false;
      default -> throw new IllegalArgumentException(field + ": '" + text + "' is not true or false");
    };
  }

  /** A port number, or one of local, controller, all, flood, normal, table, in_port, any, max. */
  public static OFPort port(String field, String text) {
    OFPort named = PORTS.get(text.strip().toLowerCase(Locale.ROOT));
    if (named != null) {
      return named;
    }
    try {
      return OFPort.of((int) number(field, text, 1, 0xffffff00L));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(field + ": '" + text + "' is not a port number or one of " + PORTS.keySet());
    }
  }

  /** A group number, or any, all, max. */
  public static OFGroup group(String field, String text) {
    OFGroup named = GROUPS.get(text.strip().toLowerCase(Locale.ROOT));
    return named != null ? named : OFGroup.of((int) number(field, text, 0, 0xffffff00L));
  }

  /** A DPID: colon hex {@code 00:00:00:00:00:00:00:01} or a plain (decimal or 0x hex) number. */
  public static DatapathId dpid(String field, String text) {
    String t = text.strip();
    try {
      return t.contains(":") ? DatapathId.of(t) : DatapathId.of(unsigned64(field, t));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(field + ": '" + text + "' is not a switch DPID (a 64-bit value in the "
          + "form 00:11:22:33:44:55:66:77)");
    }
  }

  /**
   * Text read by a Loxi parser ({@code MacAddress::of}, ...), whose own exception would not say which field
   * was wrong: refused as "{@code field: 'text' is not <form>}".
   */
  public static <T> T parsed(String field, String text, String form, Function<String, T> parse) {
    try {
      return parse.apply(text);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(field + ": '" + text + "' is not " + form);
    }
  }
}
