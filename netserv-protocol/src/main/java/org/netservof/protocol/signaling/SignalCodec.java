package org.netservof.protocol.signaling;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.netservof.protocol.Names;

/**
 * Signaling messages to and from bytes (thesis Fig 6.3, Table 6.1).
 *
 * <pre>
 * SETUP NetServ.apps.NetMonitor_1.0.0 NETSERV/0.1      NETSERV/0.1 200 OK
 * ttl:3600                                             method:SETUP
 * user:janedoe                                         module:NetServ.apps.NetMonitor_1.0.0
 * ...                                                  nonce:...
 * signature:&lt;base64 of 64 bytes&gt;                       stack:domain-b 200 installed on n1
 * &lt;blank line&gt;                                         &lt;blank line&gt;
 * </pre>
 *
 * <p>Messages come from untrusted hosts, so parsing is strict and bounded: at most {@link #MAX_BYTES}
 * bytes of printable US-ASCII, lines ending in LF or CRLF of at most {@link #MAX_LINE} bytes, at most
 * {@link #MAX_HEADERS} headers, exactly one blank line at the very end, no unknown, duplicate or misplaced
 * headers, and every value in its one documented syntax (see {@link HeaderRules}). Anything else is refused
 * with a {@link SignalFormatException} naming the problem; nothing is guessed or repaired.
 *
 * <p>One deliberate change from the thesis: {@code user} is mandatory for every method (the thesis makes it
 * optional for PROBE), because every message is signed with a user's key and the receiver needs the user
 * to find that key.
 */
public final class SignalCodec {
  /** A message must fit one Ethernet frame with room for the IP and UDP headers. */
  public static final int MAX_BYTES = 1400;
  /** Headers after the request or status line. */
  public static final int MAX_HEADERS = 24;
  /** Bytes in one line, excluding its terminator. */
  public static final int MAX_LINE = 1024;

  private static final String PROTOCOL = "NETSERV/0.1";
  private static final String REQUEST_LINE = "request line must be 'METHOD <module>_<version> " + PROTOCOL + "'";

  /**
   * One line of a message.
   *
   * @param start offset of its first byte
   * @param next offset just past its terminator
   */
  private record Line(int number, int start, int next, String text) {}

  private record Header(String name, String value) {}

  private SignalCodec() {}

  /** Parses and checks a request; the result is exactly what the message says, with names lowercase. */
  public static SignalRequest parseRequest(byte[] message) throws SignalFormatException {
    List<Line> lines = lines(message);
    String[] parts = lines.get(0).text().split(" ", -1);
    if (parts.length != 3) {
      throw new SignalFormatException(REQUEST_LINE);
    }
    Method method = method(parts[0]);
    if (!parts[2].equals(PROTOCOL)) {
      throw new SignalFormatException("unsupported protocol '" + HeaderRules.shown(parts[2]) + "', expected "
          + PROTOCOL);
    }
    String module = module(parts[1]);
    Map<String, String> headers = new LinkedHashMap<>();
    for (Line line : lines.subList(1, lines.size())) {
      Header h = header(line);
      if (headers.containsKey(h.name())) {
        throw new SignalFormatException("duplicate header '" + h.name() + "'");
      }
      headers.put(h.name(), HeaderRules.value(method, h.name(), h.value()));
    }
    HeaderRules.complete(method, headers);
    return new SignalRequest(method, module, headers);
  }

  /**
   * The request's canonical bytes: the request line, the headers in map order as {@code name:value}, each
   * line ending in LF, then the blank line. A request parsed from bytes encodes to at most as many bytes.
   *
   * @throws IllegalStateException if the message would break a limit the receiver enforces
   */
  public static byte[] encode(SignalRequest r) {
    StringBuilder out = new StringBuilder(r.method().name()).append(' ').append(r.module()).append(' ')
        .append(PROTOCOL).append('\n');
    r.headers().forEach((name, value) -> {
      if (name.length() + 1 + value.length() > MAX_LINE) {
        throw new IllegalStateException("header '" + name + "' is longer than " + MAX_LINE + " bytes");
      }
      out.append(name).append(':').append(value).append('\n');
    });
    return finish(out, r.headers().size());
  }

  /**
   * What the request's Ed25519 signature covers: the message exactly as received, minus the
   * {@code signature} line and its terminator. A signing client therefore signs {@code encode(r)} and sends
   * {@code encode(r.with("signature", ...))}, whose signature line comes last.
   */
  public static byte[] signedBytes(byte[] message) throws SignalFormatException {
    Line signature = null;
    for (Line line : lines(message)) {
      if (line.number() > 1 && line.text().regionMatches(true, 0, "signature:", 0, 10)) {
        if (signature != null) {
          throw new SignalFormatException("duplicate header 'signature'");
        }
        signature = line;
      }
    }
    if (signature == null) {
      throw new SignalFormatException("missing header 'signature'");
    }
    byte[] out = new byte[message.length - (signature.next() - signature.start())];
    System.arraycopy(message, 0, out, 0, signature.start());
    System.arraycopy(message, signature.next(), out, signature.start(), message.length - signature.next());
    return out;
  }

  /** Parses and checks a response with the same strictness and limits as a request. */
  public static SignalResponse parseResponse(byte[] message) throws SignalFormatException {
    List<Line> lines = lines(message);
    String status = lines.get(0).text();
    String prefix = PROTOCOL + " ";
    if (!status.startsWith(prefix) || status.length() < prefix.length() + 5
        || status.charAt(prefix.length() + 3) != ' ') {
      throw new SignalFormatException("status line must be '" + PROTOCOL + " <code> <reason>'");
    }
    int code = code(status.substring(prefix.length(), prefix.length() + 3), "status");
    String reason = status.substring(prefix.length() + 4);
    if (reason.length() > SignalResponse.MAX_REASON) {
      throw new SignalFormatException("status reason is longer than " + SignalResponse.MAX_REASON + " characters");
    }
    Method method = null;
    String module = null;
    String nonce = null;
    List<StackEntry> stack = new ArrayList<>();
    for (Line line : lines.subList(1, lines.size())) {
      Header h = header(line);
      switch (h.name()) {
        case "method" -> method = method(once(method, h));
        case "module" -> module = module(once(module, h));
        case "nonce" -> nonce = HeaderRules.nonce(h.name(), once(nonce, h));
        case "stack" -> stack.add(stackEntry(h.value())); // the one header that repeats: one per domain
        default -> throw new SignalFormatException("unknown header '" + HeaderRules.shown(h.name()) + "'");
      }
    }
    String missing = method == null ? "method" : module == null ? "module" : nonce == null ? "nonce" : null;
    if (missing != null) {
      throw new SignalFormatException("missing header '" + missing + "' (mandatory in a response)");
    }
    return new SignalResponse(code, reason, method, module, nonce, stack);
  }

  /**
   * The response's canonical bytes: status line, {@code method}, {@code module}, {@code nonce}, the stack
   * entries in order, then the blank line.
   *
   * @throws IllegalStateException if it is over {@link #MAX_BYTES} or has too many entries; see
   *     {@link #truncatedToFit}
   */
  public static byte[] encodeResponse(SignalResponse r) {
    return finish(render(r), 3 + r.stack().size());
  }

  /**
   * The response, made to fit {@link #MAX_BYTES} and {@link #MAX_HEADERS}: the last entry's detail (the
   * one this domain just added) is cut and ends in "...". Only if even an empty detail cannot fit are
   * entries dropped, those just before the last one first; the first entry (the farthest domain's outcome)
   * and the last are always kept, and the overall code and reason never change.
   */
  public static SignalResponse truncatedToFit(SignalResponse r) {
    if (fits(r)) {
      return r;
    }
    List<StackEntry> entries = new ArrayList<>(r.stack());
    StackEntry last = entries.get(entries.size() - 1);
    entries.set(entries.size() - 1, new StackEntry(last.domain(), last.code(), ""));
    SignalResponse bare = withStack(r, entries);
    while (!fits(bare)) {
      if (entries.size() <= 2) {
        throw new IllegalStateException("response cannot be made to fit " + MAX_BYTES + " bytes");
      }
      entries.remove(entries.size() - 2);
      bare = withStack(r, entries);
    }
    // Characters left for the detail after its space and the final blank line; a cut detail ends in "..."
    // so readers know it was cut.
    int room = MAX_BYTES - render(bare).length() - 2;
    String detail = last.detail().length() <= room ? last.detail()
        : room >= 3 ? last.detail().substring(0, room - 3) + "..." : "";
    entries.set(entries.size() - 1, new StackEntry(last.domain(), last.code(), detail));
    return withStack(r, entries);
  }

  /** The standard reason text for a status code. */
  public static String reasonFor(int code) {
    return switch (code) {
      case 200 -> "OK";
      case 400 -> "Bad Request";
      case 401 -> "Unauthorized";
      case 403 -> "Forbidden";
      case 404 -> "Not Found";
      case 409 -> "Conflict";
      case 429 -> "Too Many Requests";
      case 500 -> "Internal Error";
      case 502 -> "Bad Gateway";
      case 503 -> "Unavailable";
      case 504 -> "Timeout";
      default -> "Status";
    };
  }

  /**
   * Splits a message into lines, checking everything about its framing: size, bytes, terminators, line
   * length, header count and the single blank line at its very end (which is not returned).
   */
  private static List<Line> lines(byte[] m) throws SignalFormatException {
    checkSize(m);
    List<Line> lines = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < m.length; i++) {
      int b = m[i] & 0xff;
      int number = lines.size() + 1;
      if (b == '\r' && (i + 1 == m.length || m[i + 1] != '\n')) {
        throw new SignalFormatException("line " + number + " has a CR not followed by LF");
      }
      if (b != '\r' && b != '\n') {
        checkTextByte(b, number, i - start);
        continue;
      }
      int end = i;
      if (b == '\r') {
        i++; // the LF checked above
      }
      if (end == start) {
        if (lines.isEmpty()) {
          throw new SignalFormatException("message starts with a blank line; " + REQUEST_LINE);
        }
        if (i + 1 < m.length) {
          throw new SignalFormatException(
              (m.length - i - 1) + " bytes follow the blank line that ends the message");
        }
        return lines;
      }
      if (lines.size() > MAX_HEADERS) {
        throw new SignalFormatException("more than " + MAX_HEADERS + " headers");
      }
      lines.add(new Line(number, start, i + 1, new String(m, start, end - start, StandardCharsets.US_ASCII)));
      start = i + 1;
    }
    throw new SignalFormatException("truncated: no blank line ends the message");
  }

  private static void checkSize(byte[] m) throws SignalFormatException {
    Objects.requireNonNull(m, "message");
    if (m.length == 0) {
      throw new SignalFormatException("empty message");
    }
    if (m.length > MAX_BYTES) {
      throw new SignalFormatException("message is " + m.length + " bytes, over the " + MAX_BYTES + "-byte limit");
    }
  }

  /** A byte within a line (not its terminator): printable US-ASCII, at {@code column} below the line limit. */
  private static void checkTextByte(int b, int number, int column) throws SignalFormatException {
    if (b < 0x20 || b > 0x7e) {
      throw new SignalFormatException(
          String.format(Locale.ROOT, "line %d has byte 0x%02x, not printable US-ASCII", number, b));
    }
    if (column >= MAX_LINE) {
      throw new SignalFormatException("line " + number + " is longer than " + MAX_LINE + " bytes");
    }
  }

  /** A {@code name:value} line: the name is case-insensitive, spaces after ':' are not part of the value. */
  private static Header header(Line line) throws SignalFormatException {
    String text = line.text();
    int colon = text.indexOf(':');
    if (colon < 0) {
      throw new SignalFormatException("line " + line.number() + " has no ':'");
    }
    String name = text.substring(0, colon).toLowerCase(Locale.ROOT);
    if (!HeaderRules.isHeaderName(name)) {
      throw new SignalFormatException("line " + line.number() + ": '" + HeaderRules.shown(name)
          + "' is not a header name");
    }
    int v = colon + 1;
    while (v < text.length() && text.charAt(v) == ' ') {
      v++;
    }
    return new Header(name, text.substring(v));
  }

  /** The header's value, unless the header was seen already. */
  private static String once(Object seen, Header h) throws SignalFormatException {
    if (seen != null) {
      throw new SignalFormatException("duplicate header '" + h.name() + "'");
    }
    return h.value();
  }

  private static Method method(String text) throws SignalFormatException {
    for (Method m : Method.values()) {
      if (m.name().equals(text)) {
        return m;
      }
    }
    throw new SignalFormatException("unknown method '" + HeaderRules.shown(text) + "'");
  }

  private static String module(String text) throws SignalFormatException {
    if (!HeaderRules.isModule(text)) {
      throw new SignalFormatException("module '" + HeaderRules.shown(text) + "' is not " + Names.MODULE_RULE);
    }
    return text;
  }

  private static int code(String text, String what) throws SignalFormatException {
    if (text.length() != 3 || text.charAt(0) < '1' || text.charAt(0) > '5'
        || !Character.isDigit(text.charAt(1)) || !Character.isDigit(text.charAt(2))) {
      throw new SignalFormatException(what + " code '" + HeaderRules.shown(text) + "' is not 100-599");
    }
    return Integer.parseInt(text);
  }

  /** {@code <domain> <code>[ <detail>]}. */
  private static StackEntry stackEntry(String value) throws SignalFormatException {
    int space = value.indexOf(' ');
    if (space < 0 || !(value.length() == space + 4 || value.length() > space + 4 && value.charAt(space + 4) == ' ')) {
      throw new SignalFormatException("header 'stack' must be '<domain> <code> <detail>'");
    }
    String domain = value.substring(0, space);
    if (!HeaderRules.isName(domain)) {
      throw HeaderRules.bad("stack", value, "has a domain that is not " + Names.NAME_RULE);
    }
    int code = code(value.substring(space + 1, space + 4), "stack");
    String detail = value.length() > space + 4 ? value.substring(space + 5) : "";
    if (detail.length() > StackEntry.MAX_DETAIL) {
      throw HeaderRules.bad("stack", value, "has a detail longer than " + StackEntry.MAX_DETAIL + " characters");
    }
    return new StackEntry(domain, code, detail);
  }

  private static StringBuilder render(SignalResponse r) {
    StringBuilder out = new StringBuilder(PROTOCOL).append(' ').append(r.code()).append(' ').append(r.reason())
        .append("\nmethod:").append(r.method().name())
        .append("\nmodule:").append(r.module())
        .append("\nnonce:").append(r.nonce()).append('\n');
    for (StackEntry e : r.stack()) {
      out.append("stack:").append(e.domain()).append(' ').append(e.code());
      if (!e.detail().isEmpty()) {
        out.append(' ').append(e.detail());
      }
      out.append('\n');
    }
    return out;
  }

  private static boolean fits(SignalResponse r) {
    return 3 + r.stack().size() <= MAX_HEADERS && render(r).length() + 1 <= MAX_BYTES;
  }

  private static SignalResponse withStack(SignalResponse r, List<StackEntry> stack) {
    return new SignalResponse(r.code(), r.reason(), r.method(), r.module(), r.nonce(), stack);
  }

  /** Adds the blank line and checks the limits the receiver enforces, so we never send what it refuses. */
  private static byte[] finish(StringBuilder out, int headers) {
    out.append('\n');
    if (headers > MAX_HEADERS) {
      throw new IllegalStateException(headers + " headers, over the limit of " + MAX_HEADERS);
    }
    if (out.length() > MAX_BYTES) {
      throw new IllegalStateException("message is " + out.length() + " bytes, over the " + MAX_BYTES
          + "-byte limit");
    }
    return out.toString().getBytes(StandardCharsets.US_ASCII);
  }
}
