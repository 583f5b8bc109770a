package org.netservof.protocol.signaling;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A signaling request: its method, the module it is about and its headers.
 *
 * <p>The constructor checks only what keeps the encoding unambiguous (header names, printable values, the
 * module token), so a client can build a request step by step, e.g. add {@code signature} last. Whether
 * the values mean something is checked by {@link SignalCodec#parseRequest}, which is what a receiver runs;
 * the typed accessors assume values it accepted and may throw {@link IllegalArgumentException} on others.
 *
 * @param method what is asked
 * @param module the {@code <name>_<version>} token, e.g. {@code NetServ.apps.NetMonitor_1.0.0}
 * @param headers header names (lowercase) to values, in message order; copied, unmodifiable
 */
public record SignalRequest(Method method, String module, Map<String, String> headers) {
  public SignalRequest {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(module, "module");
    Objects.requireNonNull(headers, "headers");
    if (!HeaderRules.isModule(module)) {
      throw new IllegalArgumentException("module '" + module + "' must be <name>_<version>");
    }
    headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    headers.forEach((name, value) -> {
      if (name == null || !HeaderRules.isHeaderName(name)) {
        throw new IllegalArgumentException("header name '" + name + "' must be [a-z][a-z0-9-]*");
      }
      // A line break in a value would smuggle in headers; a leading space would be trimmed by the parser.
      if (value == null || !HeaderRules.isPrintable(value) || value.startsWith(" ")) {
        throw new IllegalArgumentException("header '" + name + "' needs a printable value without leading space");
      }
    });
  }

  /** The value of a header; the name is case-insensitive. */
  public Optional<String> header(String name) {
    return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
  }

  /** A copy with the header set; it moves to the end, which is where a signing client puts {@code signature}. */
  public SignalRequest with(String name, String value) {
    String key = name.toLowerCase(Locale.ROOT);
    Map<String, String> copy = new LinkedHashMap<>(headers);
    copy.remove(key);
    copy.put(key, value);
    return new SignalRequest(method, module, copy);
  }

  /** A copy without the header (unchanged if absent). */
  public SignalRequest without(String name) {
    Map<String, String> copy = new LinkedHashMap<>(headers);
    copy.remove(name.toLowerCase(Locale.ROOT));
    return new SignalRequest(method, module, copy);
  }

  public Optional<Integer> ttlSeconds() {
    return header("ttl").map(Integer::valueOf);
  }

  public Optional<String> user() {
    return header("user");
  }

  public Optional<String> signature() {
    return header("signature");
  }

  public Optional<String> nonce() {
    return header("nonce");
  }

  public OptionalLong timestamp() {
    Optional<String> t = header("timestamp");
    return t.isPresent() ? OptionalLong.of(Long.parseLong(t.get())) : OptionalLong.empty();
  }

  /** The {@code properties:k=v,k2=v2} pairs in message order; empty when absent. */
  public Map<String, String> properties() {
    Map<String, String> out = new LinkedHashMap<>();
    for (String pair : words("properties")) {
      int eq = pair.indexOf('=');
      if (eq < 0) {
        throw new IllegalArgumentException("property '" + pair + "' has no '='");
      }
      out.put(pair.substring(0, eq), pair.substring(eq + 1));
    }
    return Collections.unmodifiableMap(out);
  }

  /** The modules this one needs, in message order; empty when absent or empty. */
  public List<String> dependencies() {
    return words("dependencies");
  }

  public Optional<String> nodeId() {
    return header("node-id");
  }

  /** {@code udp}, {@code tcp}, {@code icmp} or a decimal IP protocol number. */
  public Optional<String> filterProto() {
    return header("filter-proto").map(p -> p.toLowerCase(Locale.ROOT));
  }

  public Optional<PortSpec> filterPort() {
    return header("filter-port").map(v -> {
      int dash = v.indexOf('-');
      return dash < 0
          ? new PortSpec(Integer.parseInt(v), Integer.parseInt(v))
          : new PortSpec(Integer.parseInt(v.substring(0, dash)), Integer.parseInt(v.substring(dash + 1)));
    });
  }

  /** The destination prefix as {@code a.b.c.d/len}; a bare address on the wire means {@code /32}. */
  public Optional<String> filterDst() {
    return header("filter-dst").map(SignalRequest::withLength);
  }

  /** The source prefix as {@code a.b.c.d/len}; a bare address on the wire means {@code /32}. */
  public Optional<String> filterSrc() {
    return header("filter-src").map(SignalRequest::withLength);
  }

  public Optional<String> url() {
    return header("url");
  }

  /** The module file's SHA-256, 64 lowercase hex digits. */
  public Optional<String> moduleSha256() {
    return header("module-sha256").map(s -> s.toLowerCase(Locale.ROOT));
  }

  /** Where to report events; present but empty means "do not notify". */
  public Optional<String> notification() {
    return header("notification");
  }

  /** What a PROBE asks about ({@code status}, {@code nodes}, ...); empty when absent. */
  public List<String> probe() {
    return words("probe");
  }

  /** A TRIGGER's inner message, base64. */
  public Optional<String> request() {
    return header("request");
  }

  private List<String> words(String name) {
    String v = headers.getOrDefault(name, "");
    return v.isEmpty() ? List.of() : List.of(v.split(",", -1));
  }

  private static String withLength(String prefix) {
    return prefix.indexOf('/') < 0 ? prefix + "/32" : prefix;
  }
}
