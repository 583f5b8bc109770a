package org.netservof.protocol.signaling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.netservof.protocol.signaling.SignalSamples.MODULE;
import static org.netservof.protocol.signaling.SignalSamples.NONCE;
import static org.netservof.protocol.signaling.SignalSamples.SETUP_LINES;
import static org.netservof.protocol.signaling.SignalSamples.SIGNATURE;
import static org.netservof.protocol.signaling.SignalSamples.ascii;
import static org.netservof.protocol.signaling.SignalSamples.message;
import static org.netservof.protocol.signaling.SignalSamples.setupLine;
import static org.netservof.protocol.signaling.SignalSamples.setupPlus;
import static org.netservof.protocol.signaling.SignalSamples.setupWith;
import static org.netservof.protocol.signaling.SignalSamples.setupWithout;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Malformed and hostile requests: each is refused with a reason that names its problem. */
class HostileSignalTest {
  private static final String COMMON = "user:janedoe\nnonce:" + NONCE + "\ntimestamp:1790000000\nsignature:"
      + SIGNATURE;

  /** A request of another method with the headers every method needs plus {@code extra}. */
  private static byte[] other(Method method, String... extra) {
    List<String> lines = new ArrayList<>();
    lines.add(method + " " + MODULE + " NETSERV/0.1");
    lines.addAll(List.of(extra));
    lines.addAll(List.of(COMMON.split("\n")));
    return message(lines);
  }

  private static Arguments refused(String what, byte[] input, String fragment) {
    return Arguments.of(what, input, fragment);
  }

  private static Arguments refused(String what, String input, String fragment) {
    return Arguments.of(what, ascii(input), fragment);
  }

  static List<Arguments> corpus() {
    byte[] valid = message(SETUP_LINES);
    String validText = new String(valid, java.nio.charset.StandardCharsets.US_ASCII);
    byte[] oversized = Arrays.copyOf(setupPlus("properties:a=" + "p".repeat(400), "dependencies:"
        + "d".repeat(400), "notification:http://n.example/" + "q".repeat(360)), 1401);
    // The thesis SETUP has 9 headers; 16 more make 25, which is refused before any header is looked at.
    String[] unknownHeaders = IntStream.rangeClosed(1, 16).mapToObj(i -> "x-" + i + ":1").toArray(String[]::new);
    byte[] nonAscii = setupWith("user", "jan\u00e9doe");
    byte[] nul = setupWith("user", "jane\u0000doe");
    byte[] signature63 = Base64.getDecoder().decode(SIGNATURE);
    String tooManyProperties = IntStream.range(0, 33).mapToObj(i -> "k" + i + "=v").collect(Collectors.joining(","));
    String tooManyDependencies = IntStream.range(0, 17).mapToObj(i -> "d" + i).collect(Collectors.joining(","));
    return List.of(
        // framing
        refused("empty input", new byte[0], "empty message"),
        refused("only a request line", "SETUP " + MODULE + " NETSERV/0.1\n", "truncated: no blank line"),
        refused("request line without terminator", "SETUP " + MODULE + " NETSERV/0.1", "truncated"),
        refused("no blank line at the end", validText.substring(0, validText.length() - 1), "truncated"),
        refused("last header without terminator", validText.substring(0, validText.length() - 2), "truncated"),
        refused("bytes after the blank line", validText + "ttl:5\n", "6 bytes follow the blank line"),
        refused("a second blank line", validText + "\n", "1 bytes follow the blank line"),
        refused("starts with a blank line", "\n" + validText, "starts with a blank line"),
        refused("oversized message", oversized, "message is 1401 bytes, over the 1400-byte limit"),
        refused("too many headers", setupPlus(unknownHeaders), "more than 24 headers"),
        refused("line over 1024 bytes", other(Method.REMOVE, "node-id:" + "n".repeat(1017)), "is longer than 1024"),
        refused("non-ASCII byte", nonAscii, "has byte 0xe9, not printable US-ASCII"),
        refused("NUL byte", nul, "has byte 0x00"),
        refused("tab", setupWith("user", "jane\tdoe"), "has byte 0x09"),
        refused("DEL", setupWith("user", "jane\u007fdoe"), "has byte 0x7f"),
        refused("bare CR", setupWith("user", "jane\rdoe"), "line 5 has a CR not followed by LF"),
        refused("CR before the blank line's LF only", validText.replace("\n\n", "\n\r"), "CR not followed by LF"),
        // request line
        refused("unknown method DELETE", setupLine("DELETE " + MODULE + " NETSERV/0.1"), "unknown method 'DELETE'"),
        refused("lowercase method", setupLine("setup " + MODULE + " NETSERV/0.1"), "unknown method 'setup'"),
        refused("NETSERV/0.2", setupLine("SETUP " + MODULE + " NETSERV/0.2"), "unsupported protocol 'NETSERV/0.2'"),
        refused("HTTP/1.1", setupLine("SETUP " + MODULE + " HTTP/1.1"), "unsupported protocol 'HTTP/1.1'"),
        refused("missing module", setupLine("SETUP NETSERV/0.1"), "request line must be"),
        refused("module without version", setupLine("SETUP NetMonitor NETSERV/0.1"),
            "module 'NetMonitor' is not NAME_VERSION"),
        refused("module with empty version", setupLine("SETUP NetMonitor_ NETSERV/0.1"), "is not NAME_VERSION"),
        refused("module with space", setupLine("SETUP Net Monitor_1.0 NETSERV/0.1"), "request line must be"),
        refused("version not starting with a digit", setupLine("SETUP NetMon_v2 NETSERV/0.1"),
            "module 'NetMon_v2' is not NAME_VERSION"),
        refused("module with slash", setupLine("SETUP ../etc/passwd_1 NETSERV/0.1"), "is not NAME_VERSION"),
        refused("double space", setupLine("SETUP  " + MODULE + " NETSERV/0.1"), "request line must be"),
        refused("trailing space", setupLine("SETUP " + MODULE + " NETSERV/0.1 "), "request line must be"),
        // duplicates, unknown and misplaced headers
        refused("duplicate user", setupPlus("user:mallory"), "duplicate header 'user'"),
        refused("duplicate ttl", setupPlus("ttl:60"), "duplicate header 'ttl'"),
        refused("duplicate signature", setupPlus("signature:" + SIGNATURE), "duplicate header 'signature'"),
        refused("duplicate in other case", setupPlus("USER:janedoe"), "duplicate header 'user'"),
        refused("duplicate filter-proto", setupPlus("filter-proto:tcp"), "duplicate header 'filter-proto'"),
        refused("unknown header", setupPlus("foo:bar"), "unknown header 'foo'"),
        refused("probe in SETUP", setupPlus("probe:status"), "header 'probe' is not allowed in SETUP"),
        refused("request in SETUP", setupPlus("request:AAAA"), "header 'request' is not allowed in SETUP"),
        refused("ttl in REMOVE", other(Method.REMOVE, "ttl:60"), "header 'ttl' is not allowed in REMOVE"),
        refused("url in PROBE", other(Method.PROBE, "probe:all", "url:http://a.b/c"),
            "header 'url' is not allowed in PROBE"),
        refused("node-id in TRIGGER", other(Method.TRIGGER, "request:AAAA", "node-id:n1"),
            "header 'node-id' is not allowed in TRIGGER"),
        refused("filter-port in REMOVE", other(Method.REMOVE, "filter-port:80"),
            "header 'filter-port' is not allowed in REMOVE"),
        // missing mandatory headers
        refused("SETUP without ttl", setupWithout("ttl"), "missing header 'ttl' (mandatory for SETUP)"),
        refused("SETUP without signature", setupWithout("signature"),
            "missing header 'signature' (mandatory for SETUP)"),
        refused("SETUP without user", setupWithout("user"), "missing header 'user' (mandatory for SETUP)"),
        refused("SETUP without url", setupWithout("url"), "missing header 'url' (mandatory for SETUP)"),
        refused("SETUP without module-sha256", setupWithout("module-sha256"), "missing header 'module-sha256'"),
        refused("SETUP without nonce", setupWithout("nonce"), "missing header 'nonce' (mandatory for SETUP)"),
        refused("SETUP without timestamp", setupWithout("timestamp"), "missing header 'timestamp'"),
        refused("PROBE without probe", other(Method.PROBE), "missing header 'probe' (mandatory for PROBE)"),
        refused("TRIGGER without request", other(Method.TRIGGER), "missing header 'request' (mandatory for TRIGGER)"),
        refused("REMOVE without user", ascii("REMOVE " + MODULE + " NETSERV/0.1\nnonce:" + NONCE
            + "\ntimestamp:1\nsignature:" + SIGNATURE + "\n\n"), "missing header 'user' (mandatory for REMOVE)"),
        // ttl
        refused("ttl 0", setupWith("ttl", "0"), "header 'ttl': '0' is out of range 1..86400"),
        refused("ttl -1", setupWith("ttl", "-1"), "header 'ttl': '-1' is not a number of seconds"),
        refused("ttl 86401", setupWith("ttl", "86401"), "'86401' is out of range 1..86400"),
        refused("ttl 12x", setupWith("ttl", "12x"), "header 'ttl': '12x' is not a number of seconds"),
        refused("ttl empty", setupWith("ttl", ""), "header 'ttl' is empty"),
        refused("ttl only spaces", setupWith("ttl", "   "), "header 'ttl' is empty"),
        refused("ttl huge", setupWith("ttl", "99999999999999999999999"), "is out of range 1..86400"),
        refused("ttl leading zero", setupWith("ttl", "0060"), "'0060' has a leading zero"),
        refused("ttl trailing space", setupWith("ttl", "60 "), "is not a number of seconds"),
        // filter
        refused("filter-port 0", setupWith("filter-port", "0"), "'0' is out of range 1..65535"),
        refused("filter-port 65536", setupWith("filter-port", "65536"), "'65536' is out of range 1..65535"),
        refused("filter-port reversed", setupWith("filter-port", "5060-5000"), "is an empty port range"),
        refused("filter-port abc", setupWith("filter-port", "abc"), "is not a port N or a port range N-M"),
        refused("filter-port open range", setupWith("filter-port", "5060-"), "is not a port N or a port range"),
        refused("filter-port range end 70000", setupWith("filter-port", "1-70000"), "port '70000' out of range"),
        refused("filter-port without filter-proto", setupWithout("filter-proto"),
            "header 'filter-port' needs filter-proto udp or tcp"),
        refused("filter-port with icmp", setupWith("filter-proto", "icmp"), "needs filter-proto udp or tcp"),
        refused("filter-port with protocol 17", setupWith("filter-proto", "17"), "needs filter-proto udp or tcp"),
        refused("filter-proto sctpx", setupWith("filter-proto", "sctpx"),
            "'sctpx' is not udp, tcp, icmp or an IP protocol number 0-255"),
        refused("filter-proto 256", setupWith("filter-proto", "256"), "'256' is out of range 0..255"),
        refused("prefix length 33", setupPlus("filter-dst:10.0.0.0/33"), "prefix length '33' out of range 0..32"),
        refused("host bits", setupPlus("filter-dst:10.0.0.1/24"), "'10.0.0.1/24' has host bits set beyond /24"),
        refused("octet 256", setupPlus("filter-src:256.1.1.1"), "octet '256' out of range 0..255"),
        refused("three octets", setupPlus("filter-dst:10.0.0"), "'10.0.0' is not an IPv4 address"),
        refused("octet leading zero", setupPlus("filter-dst:010.0.0.1"), "octet '010' with a leading zero"),
        refused("empty prefix length", setupPlus("filter-dst:10.0.0.0/"), "has no prefix length 0-32 after '/'"),
        refused("five octets", setupPlus("filter-src:1.2.3.4.5"), "is not an IPv4 address"),
        refused("IPv6", setupPlus("filter-src:::1/128"), "is not an IPv4 address"),
        // identities, urls, hashes
        refused("user with space", setupWith("user", "jane doe"), "'jane doe' must be 1-64 letters"),
        refused("user with slash", setupWith("user", "../root"), "'../root' must be 1-64 letters"),
        refused("user too long", setupWith("user", "u".repeat(65)), "header 'user': 'uuu"),
        refused("node-id bad", other(Method.REMOVE, "node-id:n1;n2"), "header 'node-id': 'n1;n2' must be 1-64"),
        refused("url ftp", setupWith("url", "ftp://content-provider.com/m.jar"), "is not an http:// or https:// URL"),
        refused("url without host", setupWith("url", "http://"), "has no host"),
        refused("url without host with path", setupWith("url", "https:///m.jar"), "has no host"),
        refused("url with user info", setupWith("url", "http://evil@good.example/m.jar"), "has a malformed host"),
        refused("url with port 0", setupWith("url", "http://a.example:0/m.jar"), "port '0' out of range"),
        refused("url with port 65536", setupWith("url", "http://a.example:65536/m.jar"), "port '65536' out of range"),
        refused("url with space", setupWith("url", "http://a.example/m m.jar"), "contains a space"),
        refused("url too long", setupWith("url", "http://a.example/" + "m".repeat(400)), "longer than 400"),
        refused("notification ftp", setupPlus("notification:ftp://a/b"), "header 'notification'"),
        refused("sha256 63 chars", setupWith("module-sha256", "a".repeat(63)), "is not 64 hex digits"),
        refused("sha256 not hex", setupWith("module-sha256", "g".repeat(64)), "is not 64 hex digits"),
        refused("sha256 65 chars", setupWith("module-sha256", "a".repeat(65)), "is not 64 hex digits"),
        refused("nonce short", setupWith("nonce", "abc123"), "header 'nonce': 'abc123' must be 16-64"),
        refused("nonce bad chars", setupWith("nonce", "abcdefgh.ijklmnop"), "must be 16-64 letters, digits"),
        refused("nonce long", setupWith("nonce", "n".repeat(65)), "must be 16-64"),
        // timestamp and signature
        refused("timestamp -5", setupWith("timestamp", "-5"), "'-5' is not a number of seconds since the epoch"),
        refused("timestamp 0", setupWith("timestamp", "0"), "'0' is out of range 1..99999999999"),
        refused("timestamp 1e9", setupWith("timestamp", "1e9"), "'1e9' is not a number of seconds"),
        refused("timestamp 0123", setupWith("timestamp", "0123"), "'0123' has a leading zero"),
        refused("timestamp 12 digits", setupWith("timestamp", "100000000000"), "is out of range 1..99999999999"),
        refused("signature not base64", setupWith("signature", "!!!!" + SIGNATURE.substring(4)), "is not base64"),
        refused("signature 63 bytes", setupWith("signature",
            Base64.getEncoder().encodeToString(Arrays.copyOf(signature63, 63))), "decodes to 63 bytes, not 64"),
        refused("signature 65 bytes", setupWith("signature",
            Base64.getEncoder().encodeToString(Arrays.copyOf(signature63, 65))), "decodes to 65 bytes, not 64"),
        refused("signature unpadded", setupWith("signature", SIGNATURE.replace("=", "")),
            "is not canonical padded base64"),
        refused("signature stray bits", setupWith("signature", SIGNATURE.substring(0, 85) + "B=="),
            "is not canonical padded base64"),
        // properties, dependencies, probe, request
        refused("property without =", setupPlus("properties:a=1,b"), "has property 'b' without '='"),
        refused("property empty pair", setupPlus("properties:a=1,,b=2"), "has property '' without '='"),
        refused("property duplicate key", setupPlus("properties:a=1,a=2"), "has duplicate property key 'a'"),
        refused("too many properties", setupPlus("properties:" + tooManyProperties), "more than 32 properties"),
        refused("property bad key", setupPlus("properties:a b=1"), "has property key 'a b'"),
        refused("dependency bad name", setupPlus("dependencies:a,b c"), "has dependency 'b c'"),
        refused("dependency trailing comma", setupPlus("dependencies:a,"), "has dependency ''"),
        refused("too many dependencies", setupPlus("dependencies:" + tooManyDependencies), "more than 16"),
        refused("probe bad word", other(Method.PROBE, "probe:status,secrets"), "has 'secrets', not one of"),
        refused("probe empty", other(Method.PROBE, "probe:"), "header 'probe' is empty"),
        refused("probe duplicate word", other(Method.PROBE, "probe:all,all"), "duplicate probe word 'all'"),
        refused("request bad base64", other(Method.TRIGGER, "request:%%%%"), "header 'request': '%%%%' is not base64"),
        refused("request decodes to nothing", other(Method.TRIGGER, "request:===="), "header 'request'"),
        // header lines
        refused("header name with space", setupPlus("user name:jane"), "line 11: 'user name' is not a header name"),
        refused("header name with underscore", setupPlus("us_er:jane"), "'us_er' is not a header name"),
        refused("header name starting with digit", setupPlus("1ttl:5"), "'1ttl' is not a header name"),
        refused("header name with space before colon", setupPlus("ttl :5"), "'ttl ' is not a header name"),
        refused("header name indented", setupPlus(" ttl:5"), "' ttl' is not a header name"),
        refused("empty header name", setupPlus(":x"), "'' is not a header name"),
        refused("line without colon", setupPlus("garbage"), "line 11 has no ':'"),
        refused("HTTP request", "GET / HTTP/1.1\r\nHost: example.com\r\n\r\n", "unknown method 'GET'"),
        refused("HTTP-ish request", "SETUP /x_1 HTTP/1.1\r\nHost: example.com\r\n\r\n", "unsupported protocol"),
        refused("four-word request line", "SETUP a_1 NETSERV/0.1 x\r\n\r\n", "request line must be"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void refusedWithAReason(String what, byte[] input, String fragment) {
    assertThatThrownBy(() -> SignalCodec.parseRequest(input))
        .isExactlyInstanceOf(SignalFormatException.class)
        .hasMessageContaining(fragment);
  }

  @Test
  void corpusIsLargeAndEveryEntryIsWellFormedApartFromItsFault() throws Exception {
    assertThat(corpus()).hasSizeGreaterThanOrEqualTo(60);
    // The corpus starts from this message; if it were invalid, the refusals would prove nothing.
    SignalCodec.parseRequest(message(SETUP_LINES));
    SignalCodec.parseRequest(other(Method.REMOVE));
    SignalCodec.parseRequest(other(Method.PROBE, "probe:all"));
    SignalCodec.parseRequest(other(Method.TRIGGER, "request:AAAA"));
  }

  @Test
  void nothingButSignalFormatExceptionEscapesAnyParser() {
    for (Arguments a : corpus()) {
      byte[] input = (byte[]) a.get()[1];
      for (Throwable t : List.of(catchThrowable(() -> SignalCodec.parseRequest(input)),
          catchThrowable(() -> SignalCodec.parseResponse(input)))) {
        assertThat(t).as("%s", a.get()[0]).isExactlyInstanceOf(SignalFormatException.class);
      }
      Throwable t = catchThrowable(() -> SignalCodec.signedBytes(input));
      assertThat(t == null || t instanceof SignalFormatException).as("signedBytes on %s threw %s", a.get()[0], t)
          .isTrue();
    }
  }

  @Test
  void hostileResponsesAreRefused() {
    String ok = "NETSERV/0.1 200 OK\nmethod:SETUP\nmodule:NetMonitor_1.0\nnonce:" + NONCE + "\n";
    List<String[]> cases = List.of(
        new String[] {"NETSERV/0.1 200\nmethod:SETUP\n\n", "status line must be"},
        new String[] {"NETSERV/0.1 2000 OK\n\n", "status line must be"},
        new String[] {"NETSERV/0.1 099 Low\nmethod:SETUP\n\n", "status code '099' is not 100-599"},
        new String[] {"NETSERV/0.1 600 High\nmethod:SETUP\n\n", "status code '600' is not 100-599"},
        new String[] {"NETSERV/0.2 200 OK\nmethod:SETUP\n\n", "status line must be"},
        new String[] {ok + "method:SETUP\n\n", "duplicate header 'method'"},
        new String[] {ok + "nonce:" + NONCE + "\n\n", "duplicate header 'nonce'"},
        new String[] {ok + "user:janedoe\n\n", "unknown header 'user'"},
        new String[] {ok + "stack:d1\n\n", "header 'stack' must be"},
        new String[] {ok + "stack:d1 20\n\n", "header 'stack' must be"},
        new String[] {ok + "stack:d1 2000 x\n\n", "header 'stack' must be"},
        new String[] {ok + "stack:d1 abc x\n\n", "stack code 'abc' is not 100-599"},
        new String[] {ok + "stack:d/1 200 x\n\n", "has a domain that is not"},
        new String[] {ok + "stack:d1 200 " + "x".repeat(901) + "\n\n", "has a detail longer than 900"},
        new String[] {"NETSERV/0.1 200 OK\nmodule:NetMonitor_1.0\nnonce:" + NONCE + "\n\n", "missing header 'method'"},
        new String[] {"NETSERV/0.1 200 OK\nmethod:SETUP\nnonce:" + NONCE + "\n\n", "missing header 'module'"},
        new String[] {"NETSERV/0.1 200 OK\nmethod:SETUP\nmodule:NetMonitor_1.0\n\n", "missing header 'nonce'"},
        new String[] {"NETSERV/0.1 200 OK\nmethod:DELETE\n\n", "unknown method 'DELETE'"},
        new String[] {"NETSERV/0.1 200 " + "r".repeat(101) + "\nmethod:SETUP\n\n", "longer than 100"},
        new String[] {ok + "stack:d1 200 x\n", "truncated"},
        new String[] {ok + "\nstack:d1 200 x\n", "follow the blank line"},
        new String[] {ok + "stack:d 200 x\n".repeat(22) + "\n", "more than 24 headers"});
    for (String[] c : cases) {
      assertThatThrownBy(() -> SignalCodec.parseResponse(ascii(c[0]))).as(c[1])
          .isExactlyInstanceOf(SignalFormatException.class).hasMessageContaining(c[1]);
    }
  }
}
