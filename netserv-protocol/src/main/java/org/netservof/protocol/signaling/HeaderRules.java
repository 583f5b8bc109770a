package org.netservof.protocol.signaling;

import java.util.Base64;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.netservof.protocol.Names;

/**
 * Which request headers each method allows or needs, and the syntax of every header value (thesis Table
 * 6.1). Every check either returns the value to store or throws a {@link SignalFormatException} naming
 * the header, the offending text and what was expected.
 */
final class HeaderRules {
  private static final Pattern NONCE = Pattern.compile("[A-Za-z0-9_-]{16,64}");
  private static final Pattern HEADER_NAME = Pattern.compile("[a-z][a-z0-9-]*");
  private static final Pattern DIGITS = Pattern.compile("[0-9]+");
  private static final Pattern SHA256 = Pattern.compile("[0-9A-Fa-f]{64}");
  private static final Pattern AUTHORITY =
      Pattern.compile("([A-Za-z0-9.-]+|\\[[0-9A-Fa-f:.]+\\])(:[0-9]{1,5})?");
  private static final Set<String> PROBE_WORDS = Set.of("status", "nodes", "capabilities", "policy", "modules", "all");
  private static final int MAX_URL = 400;
  private static final int MAX_PROPERTIES = 32;
  private static final int MAX_DEPENDENCIES = 16;

  /** Checks one value and returns what to store (some values are stored lowercase). */
  @FunctionalInterface
  private interface ValueCheck {
    String check(String header, String value) throws SignalFormatException;
  }

  /**
   * One row of the table.
   *
   * @param use one character per method in {@link Method} order: {@code M} mandatory, {@code o} optional,
   *     {@code -} not allowed
   */
  private record Rule(String use, boolean emptyOk, ValueCheck check) {
    char use(Method m) {
      return use.charAt(m.ordinal());
    }
  }

  /** Thesis Table 6.1, except that {@code user} is mandatory everywhere (see {@link SignalCodec}). */
  private static final Map<String, Rule> RULES;

  static {
    Map<String, Rule> r = new LinkedHashMap<>();
    // header -> use in SETUP, REMOVE, PROBE, TRIGGER; empty value allowed; value syntax
    r.put("dependencies", new Rule("o---", true, HeaderRules::dependencies));
    r.put("filter-port", new Rule("o---", false, HeaderRules::filterPort));
    r.put("filter-proto", new Rule("o---", false, HeaderRules::filterProto));
    r.put("filter-dst", new Rule("o---", false, HeaderRules::prefix));
    r.put("filter-src", new Rule("o---", false, HeaderRules::prefix));
    r.put("notification", new Rule("oo--", true, (h, v) -> v.isEmpty() ? v : url(h, v)));
    r.put("node-id", new Rule("ooo-", false, HeaderRules::name));
    r.put("probe", new Rule("--M-", false, HeaderRules::probe));
    r.put("properties", new Rule("o---", true, HeaderRules::properties));
    r.put("ttl", new Rule("M---", false, decimalIn(1, 86_400, "a number of seconds")));
    r.put("signature", new Rule("MMMM", false, (h, v) -> base64(h, v, 64, 64)));
    r.put("user", new Rule("MMMM", false, HeaderRules::name));
    r.put("url", new Rule("M---", false, HeaderRules::url));
    r.put("module-sha256", new Rule("M---", false, HeaderRules::sha256));
    r.put("nonce", new Rule("MMMM", false, HeaderRules::nonce));
    r.put("timestamp", new Rule("MMMM", false, decimalIn(1, 99_999_999_999L, "a number of seconds since the epoch")));
    r.put("request", new Rule("---M", false, (h, v) -> base64(h, v, 1, SignalCodec.MAX_BYTES)));
    RULES = Collections.unmodifiableMap(r);
  }

  private HeaderRules() {}

  static boolean isModule(String s) {
    return Names.isModule(s);
  }

  static boolean isName(String s) {
    return Names.isName(s);
  }

  static boolean isNonce(String s) {
    return NONCE.matcher(s).matches();
  }

  static boolean isHeaderName(String s) {
    return HEADER_NAME.matcher(s).matches();
  }

  /** True when every character is printable US-ASCII (0x20-0x7e): no line breaks, nothing to smuggle. */
  static boolean isPrintable(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c > 0x7e) {
        return false;
      }
    }
    return true;
  }

  /** Checks a request header of a {@code method} request; returns the value to store. */
  static String value(Method method, String header, String value) throws SignalFormatException {
    Rule rule = RULES.get(header);
    if (rule == null) {
      throw new SignalFormatException("unknown header '" + shown(header) + "'");
    }
    if (rule.use(method) == '-') {
      throw new SignalFormatException("header '" + header + "' is not allowed in " + method);
    }
    if (value.isEmpty() && !rule.emptyOk()) {
      throw new SignalFormatException("header '" + header + "' is empty");
    }
    return rule.check().check(header, value);
  }

  /** Checks what single values cannot: mandatory headers and headers that need one another. */
  static void complete(Method method, Map<String, String> headers) throws SignalFormatException {
    for (Map.Entry<String, Rule> e : RULES.entrySet()) {
      if (e.getValue().use(method) == 'M' && !headers.containsKey(e.getKey())) {
        throw new SignalFormatException("missing header '" + e.getKey() + "' (mandatory for " + method + ")");
      }
    }
    // Ports only mean something for the transport protocols a flow rule can match them on.
    String proto = headers.get("filter-proto");
    if (headers.containsKey("filter-port") && !"udp".equals(proto) && !"tcp".equals(proto)) {
      throw new SignalFormatException("header 'filter-port' needs filter-proto udp or tcp");
    }
  }

  static String nonce(String h, String v) throws SignalFormatException {
    if (!isNonce(v)) {
      throw bad(h, v, "must be 16-64 letters, digits, '_' or '-'");
    }
    return v;
  }

  /** A decimal without sign or leading zeros in {@code min..max}. */
  private static long decimal(String h, String v, long min, long max, String what) throws SignalFormatException {
    return number(h, v, v, min, max, what);
  }

  private static ValueCheck decimalIn(long min, long max, String what) {
    return (h, v) -> {
      decimal(h, v, min, max, what);
      return v;
    };
  }

  /** Checks {@code part}, a decimal within the value {@code v}; refusals quote the whole value. */
  private static long number(String h, String v, String part, long min, long max, String what)
      throws SignalFormatException {
    String which = part.equals(v) ? null : what + " '" + shown(part) + "'";
    if (!DIGITS.matcher(part).matches()) {
      throw bad(h, v, which == null ? "is not " + what : "has " + which + " that is not a number");
    }
    if (part.length() > 1 && part.charAt(0) == '0') {
      throw bad(h, v, which == null ? "has a leading zero" : "has " + which + " with a leading zero");
    }
    // More digits than max has is out of range, and parsing it could overflow.
    if (part.length() > Long.toString(max).length() || Long.parseLong(part) < min || Long.parseLong(part) > max) {
      throw bad(h, v, (which == null ? "is" : "has " + which) + " out of range " + min + ".." + max);
    }
    return Long.parseLong(part);
  }

  private static String name(String h, String v) throws SignalFormatException {
    if (!isName(v)) {
      throw bad(h, v, "must be " + Names.NAME_RULE);
    }
    return v;
  }

  private static String filterPort(String h, String v) throws SignalFormatException {
    int dash = v.indexOf('-');
    String from = dash < 0 ? v : v.substring(0, dash);
    String to = dash < 0 ? v : v.substring(dash + 1);
    if (!DIGITS.matcher(from).matches() || !DIGITS.matcher(to).matches()) {
      throw bad(h, v, "is not a port N or a port range N-M");
    }
    if (number(h, v, from, 1, 65_535, "port") > number(h, v, to, 1, 65_535, "port")) {
      throw bad(h, v, "is an empty port range (first port above last)");
    }
    return v;
  }

  private static String filterProto(String h, String v) throws SignalFormatException {
    String p = v.toLowerCase(Locale.ROOT);
    if (p.equals("udp") || p.equals("tcp") || p.equals("icmp")) {
      return p;
    }
    if (!DIGITS.matcher(p).matches()) {
      throw bad(h, v, "is not udp, tcp, icmp or an IP protocol number 0-255");
    }
    number(h, v, p, 0, 255, "an IP protocol number");
    return p;
  }

  /** An IPv4 prefix {@code a.b.c.d/len}, or a bare address meaning /32; stored as given. */
  private static String prefix(String h, String v) throws SignalFormatException {
    int slash = v.indexOf('/');
    String[] octets = (slash < 0 ? v : v.substring(0, slash)).split("\\.", -1);
    if (octets.length != 4) {
      throw bad(h, v, "is not an IPv4 address a.b.c.d[/len]");
    }
    long bits = 0;
    for (String octet : octets) {
      if (!DIGITS.matcher(octet).matches() || octet.length() > 3) {
        throw bad(h, v, "is not an IPv4 address a.b.c.d[/len]");
      }
      bits = bits << 8 | number(h, v, octet, 0, 255, "octet");
    }
    long length = 32;
    if (slash >= 0) {
      String len = v.substring(slash + 1);
      if (!DIGITS.matcher(len).matches()) {
        throw bad(h, v, "has no prefix length 0-32 after '/'");
      }
      length = number(h, v, len, 0, 32, "prefix length");
    }
    // A prefix with host bits set is ambiguous: the sender meant either the network or the host.
    long hostMask = (1L << (32 - length)) - 1;
    if ((bits & hostMask) != 0) {
      throw bad(h, v, "has host bits set beyond /" + length);
    }
    return v;
  }

  private static String url(String h, String v) throws SignalFormatException {
    if (v.length() > MAX_URL) {
      throw bad(h, v, "is longer than " + MAX_URL + " characters");
    }
    String rest = v.startsWith("http://") ? v.substring(7) : v.startsWith("https://") ? v.substring(8) : null;
    if (rest == null) {
      throw bad(h, v, "is not an http:// or https:// URL");
    }
    if (v.indexOf(' ') >= 0) {
      throw bad(h, v, "contains a space");
    }
    int end = 0;
    while (end < rest.length() && "/?#".indexOf(rest.charAt(end)) < 0) {
      end++;
    }
    String authority = rest.substring(0, end);
    if (authority.isEmpty()) {
      throw bad(h, v, "has no host");
    }
    // No user info ('@'): credentials do not belong in a signed, logged message, and they hide the real host.
    Matcher m = AUTHORITY.matcher(authority);
    if (!m.matches()) {
      throw bad(h, v, "has a malformed host '" + shown(authority) + "'");
    }
    if (m.group(2) != null) {
      number(h, v, m.group(2).substring(1), 1, 65_535, "port");
    }
    return v;
  }

  private static String sha256(String h, String v) throws SignalFormatException {
    if (!SHA256.matcher(v).matches()) {
      throw bad(h, v, "is not 64 hex digits");
    }
    return v.toLowerCase(Locale.ROOT);
  }

  /** Standard base64 with padding, in its one canonical spelling, decoding to {@code min..max} bytes. */
  private static String base64(String h, String v, int min, int max) throws SignalFormatException {
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(v);
    } catch (IllegalArgumentException e) {
      throw bad(h, v, "is not base64");
    }
    // The decoder tolerates missing padding and stray low bits; one spelling per value keeps it unambiguous.
    if (!Base64.getEncoder().encodeToString(bytes).equals(v)) {
      throw bad(h, v, "is not canonical padded base64");
    }
    if (bytes.length < min || bytes.length > max) {
      throw bad(h, v, "decodes to " + bytes.length + " bytes, not "
          + (min == max ? Integer.toString(min) : min + ".." + max));
    }
    return v;
  }

  private static String properties(String h, String v) throws SignalFormatException {
    return distinctNames(h, v, MAX_PROPERTIES, "properties", "property key", pair -> {
      int eq = pair.indexOf('=');
      if (eq < 0) {
        throw bad(h, v, "has property '" + shown(pair) + "' without '='");
      }
      return pair.substring(0, eq);
    });
  }

  private static String dependencies(String h, String v) throws SignalFormatException {
    return distinctNames(h, v, MAX_DEPENDENCIES, "dependencies", "dependency", n -> n);
  }

  /** Where a list item's name is: the item itself, or a part of it. */
  @FunctionalInterface
  private interface NameOf {
    String name(String item) throws SignalFormatException;
  }

  /**
   * A comma-separated list, empty or of at most {@code max} items, each with a distinct name of the name grammar.
   *
   * @param items what the items are called in a refusal ("properties")
   * @param item what one item's name is called in a refusal ("property key")
   */
  private static String distinctNames(String h, String v, int max, String items, String item, NameOf nameOf)
      throws SignalFormatException {
    if (v.isEmpty()) {
      return v;
    }
    String[] parts = v.split(",", -1);
    if (parts.length > max) {
      throw bad(h, v, "has more than " + max + " " + items);
    }
    Set<String> seen = new HashSet<>();
    for (String part : parts) {
      String name = nameOf.name(part);
      if (!isName(name)) {
        throw bad(h, v, "has " + item + " '" + shown(name) + "', not " + Names.NAME_RULE);
      }
      if (!seen.add(name)) {
        throw bad(h, v, "has duplicate " + item + " '" + shown(name) + "'");
      }
    }
    return v;
  }

  private static String probe(String h, String v) throws SignalFormatException {
    Set<String> seen = new HashSet<>();
    for (String word : v.split(",", -1)) {
      if (!PROBE_WORDS.contains(word)) {
        throw bad(h, v, "has '" + shown(word) + "', not one of status, nodes, capabilities, policy, modules, all");
      }
      if (!seen.add(word)) {
        throw bad(h, v, "has duplicate probe word '" + word + "'");
      }
    }
    return v;
  }

  /** A refusal quoting the value. */
  static SignalFormatException bad(String header, String value, String problem) {
    return new SignalFormatException("header '" + header + "': '" + shown(value) + "' " + problem);
  }

  /** Text to quote in a refusal, shortened so hostile input cannot bloat logs or responses. */
  static String shown(String text) {
    return text.length() > 48 ? text.substring(0, 45) + "..." : text;
  }
}
