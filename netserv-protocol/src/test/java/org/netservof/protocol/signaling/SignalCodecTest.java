package org.netservof.protocol.signaling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.netservof.protocol.signaling.SignalSamples.MODULE;
import static org.netservof.protocol.signaling.SignalSamples.NONCE;
import static org.netservof.protocol.signaling.SignalSamples.SETUP_LINES;
import static org.netservof.protocol.signaling.SignalSamples.SHA256;
import static org.netservof.protocol.signaling.SignalSamples.SIGNATURE;
import static org.netservof.protocol.signaling.SignalSamples.ascii;
import static org.netservof.protocol.signaling.SignalSamples.message;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class SignalCodecTest {

  @Test
  void thesisExampleParsesAndReencodesToTheSameBytes() throws Exception {
    byte[] wire = message(SETUP_LINES);

    SignalRequest r = SignalCodec.parseRequest(wire);

    assertThat(r.method()).isEqualTo(Method.SETUP);
    assertThat(r.module()).isEqualTo(MODULE);
    assertThat(r.headers().keySet()).containsExactly("filter-port", "filter-proto", "ttl", "user", "url",
        "module-sha256", "nonce", "timestamp", "signature");
    assertThat(r.filterPort()).contains(new PortSpec(5060, 5060));
    assertThat(r.filterProto()).contains("udp");
    assertThat(r.ttlSeconds()).contains(3600);
    assertThat(r.user()).contains("janedoe");
    assertThat(r.url()).contains("http://content-provider.com/modules/netmonitor.jar");
    assertThat(r.moduleSha256()).contains(SHA256);
    assertThat(r.nonce()).contains(NONCE);
    assertThat(r.timestamp()).isEqualTo(OptionalLong.of(1_790_000_000L));
    assertThat(r.signature()).contains(SIGNATURE);
    assertThat(r.properties()).isEmpty();
    assertThat(r.dependencies()).isEmpty();
    assertThat(r.probe()).isEmpty();
    assertThat(r.filterDst()).isEmpty();
    assertThat(SignalCodec.encode(r)).isEqualTo(wire);
    assertThat(SignalCodec.parseRequest(SignalCodec.encode(r))).isEqualTo(r);
  }

  static List<SignalRequest> requests() {
    return SignalSamples.requests();
  }

  @ParameterizedTest
  @MethodSource("requests")
  void everyMethodRoundTrips(SignalRequest r) throws Exception {
    assertThat(SignalCodec.parseRequest(SignalCodec.encode(r))).isEqualTo(r);
  }

  @Test
  void setupWithEveryHeaderRoundTripsAndReadsBack() throws Exception {
    SignalRequest r = SignalCodec.parseRequest(SignalCodec.encode(SignalSamples.fullSetup()));

    assertThat(r).isEqualTo(SignalSamples.fullSetup());
    assertThat(r.dependencies()).containsExactly("NetServ.lib.Stats_2.1", "NetServ.lib.Log_1.0");
    assertThat(r.filterPort()).contains(new PortSpec(5060, 5070));
    assertThat(r.filterDst()).contains("10.1.0.0/16");
    assertThat(r.filterSrc()).contains("192.168.7.9/32");
    assertThat(r.notification()).contains("https://janedoe.example.org:8443/events?src=netserv");
    assertThat(r.nodeId()).contains("n3");
    assertThat(r.properties()).containsExactly(Map.entry("sample", "100"), Map.entry("mode", "fast"),
        Map.entry("empty", ""));
  }

  @Test
  void probeAndTriggerReadBack() throws Exception {
    SignalRequest probe = SignalCodec.parseRequest(SignalCodec.encode(SignalSamples.probe()));
    SignalRequest trigger = SignalCodec.parseRequest(SignalCodec.encode(SignalSamples.trigger()));

    assertThat(probe.probe()).containsExactly("status", "modules", "policy");
    assertThat(trigger.request()).isPresent();
    byte[] inner = java.util.Base64.getDecoder().decode(trigger.request().get());
    assertThat(SignalCodec.parseRequest(inner)).isEqualTo(SignalSamples.remove());
  }

  @Test
  void crlfParsesLikeLf() throws Exception {
    byte[] crlf = ascii(String.join("\r\n", SETUP_LINES) + "\r\n\r\n");

    assertThat(SignalCodec.parseRequest(crlf)).isEqualTo(SignalCodec.parseRequest(message(SETUP_LINES)));
  }

  @Test
  void mixedTerminatorsParseLineByLine() throws Exception {
    byte[] mixed = ascii(String.join("\r\n", SETUP_LINES.subList(0, 5)) + "\n"
        + String.join("\n", SETUP_LINES.subList(5, SETUP_LINES.size())) + "\r\n\n");

    assertThat(SignalCodec.parseRequest(mixed)).isEqualTo(SignalCodec.parseRequest(message(SETUP_LINES)));
  }

  @Test
  void headerNamesAreCaseInsensitiveAndSpacesAfterTheColonDropped() throws Exception {
    List<String> lines = new ArrayList<>(SETUP_LINES);
    lines.set(3, "TTL:   3600");
    lines.set(2, "Filter-Proto: UDP");
    lines.set(6, "Module-SHA256:" + SHA256.toUpperCase(java.util.Locale.ROOT));

    SignalRequest r = SignalCodec.parseRequest(message(lines));

    assertThat(r).isEqualTo(SignalCodec.parseRequest(message(SETUP_LINES)));
    assertThat(r.header("TTL")).contains("3600");
  }

  @Test
  void emptyValuesAreAllowedWhereTheyMeanNothing() throws Exception {
    SignalRequest r = SignalCodec.parseRequest(
        SignalSamples.setupPlus("dependencies:", "notification:", "properties:"));

    assertThat(r.dependencies()).isEmpty();
    assertThat(r.notification()).contains("");
    assertThat(r.properties()).isEmpty();
    assertThat(SignalCodec.parseRequest(SignalCodec.encode(r))).isEqualTo(r);
  }

  @Test
  void filterPortAcceptsTcpAndIpProtocolNumbersParse() throws Exception {
    assertThat(SignalCodec.parseRequest(SignalSamples.setupWith("filter-proto", "tcp")).filterProto())
        .contains("tcp");
    SignalRequest gre = SignalCodec.parseRequest(SignalSamples.setupWithout("filter-port"))
        .with("filter-proto", "47");
    assertThat(SignalCodec.parseRequest(SignalCodec.encode(gre)).filterProto()).contains("47");
  }

  @ParameterizedTest
  @ValueSource(strings = {"0.0.0.0/0", "10.0.0.0/8", "192.168.1.128/25", "255.255.255.255", "1.2.3.4/32"})
  void prefixesAccepted(String prefix) throws Exception {
    SignalRequest r = SignalCodec.parseRequest(SignalSamples.setupPlus("filter-dst:" + prefix));

    assertThat(r.filterDst()).contains(prefix.contains("/") ? prefix : prefix + "/32");
  }

  @Test
  void withMovesTheHeaderToTheEndAndWithoutRemovesIt() {
    SignalRequest r = SignalSamples.remove();

    SignalRequest re = r.without("signature").with("Signature", "x");

    assertThat(re.headers().keySet()).containsExactly("notification", "node-id", "user", "nonce", "timestamp",
        "signature");
    assertThat(r.with("node-id", "n9").headers().keySet()).endsWith("node-id");
    assertThat(r.without("signature").signature()).isEmpty();
    assertThat(r.without("nothing")).isEqualTo(r);
  }

  @Test
  void headersAreImmutableCopies() {
    SignalRequest r = SignalSamples.remove();

    assertThatThrownBy(() -> r.headers().put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void valuesThatWouldChangeTheFramingAreRefusedAtConstruction() {
    SignalRequest r = SignalSamples.remove();

    assertThatThrownBy(() -> r.with("user", "bob\nnode-id:n1")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> r.with("user", " bob")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> r.with("bad name", "x")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SignalRequest(Method.SETUP, "NoVersion", Map.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void encodeRefusesWhatTheReceiverWouldRefuse() {
    SignalRequest r = SignalSamples.remove();

    assertThatThrownBy(() -> SignalCodec.encode(r.with("x", "y".repeat(1100))))
        .isInstanceOf(IllegalStateException.class);
    SignalRequest big = r;
    for (int i = 0; i < 4; i++) {
      big = big.with("x" + i, "y".repeat(400));
    }
    SignalRequest tooBig = big;
    assertThatThrownBy(() -> SignalCodec.encode(tooBig)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("1400-byte limit");
  }

  @Test
  void signedBytesRemoveExactlyTheSignatureLine() throws Exception {
    SignalRequest unsigned = SignalSamples.fullSetup().without("signature");

    byte[] signed = SignalCodec.encode(unsigned.with("signature", SIGNATURE));

    assertThat(SignalCodec.signedBytes(signed)).isEqualTo(SignalCodec.encode(unsigned));
  }

  @Test
  void signedBytesKeepTheReceivedBytesAroundASignatureInTheMiddle() throws Exception {
    String before = "REMOVE " + MODULE + " NETSERV/0.1\r\nuser:janedoe\r\n";
    String signature = "Signature:  " + SIGNATURE + "\r\n";
    String after = "nonce:" + NONCE + "\ntimestamp:1790000000\r\n\r\n";
    byte[] wire = ascii(before + signature + after);
    SignalCodec.parseRequest(wire); // it is a valid message

    assertThat(SignalCodec.signedBytes(wire)).isEqualTo(ascii(before + after));
  }

  @Test
  void signedBytesNeedOneSignatureLine() {
    assertThatThrownBy(() -> SignalCodec.signedBytes(SignalSamples.setupWithout("signature")))
        .isInstanceOf(SignalFormatException.class).hasMessageContaining("missing header 'signature'");
    assertThatThrownBy(() -> SignalCodec.signedBytes(SignalSamples.setupPlus("signature:" + SIGNATURE)))
        .isInstanceOf(SignalFormatException.class).hasMessageContaining("duplicate header 'signature'");
    assertThatThrownBy(() -> SignalCodec.signedBytes(ascii("SETUP a_1 NETSERV/0.1\nsignature:x\n")))
        .isInstanceOf(SignalFormatException.class).hasMessageContaining("truncated");
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 3})
  void responsesRoundTrip(int entries) throws Exception {
    SignalResponse r = SignalSamples.response(entries);

    SignalResponse back = SignalCodec.parseResponse(SignalCodec.encodeResponse(r));

    assertThat(back).isEqualTo(r);
    assertThat(back.stack()).hasSize(entries);
  }

  @Test
  void responseWireFormat() throws Exception {
    SignalResponse r = SignalSamples.response(2).withEntry(new StackEntry("domain-z", 200, ""));

    assertThat(new String(SignalCodec.encodeResponse(r), StandardCharsets.US_ASCII)).isEqualTo("""
        NETSERV/0.1 200 OK
        method:SETUP
        module:NetMonitor_1.0
        nonce:%s
        stack:domain-b 200 installed on n0
        stack:domain-a 200 installed on n1
        stack:domain-z 200

        """.formatted(NONCE));
  }

  @Test
  void responseParsesCrlfAndAnyHeaderOrder() throws Exception {
    byte[] wire = ascii("NETSERV/0.1 404 Not Found\r\nstack:d1 404 no such module\r\nnonce: " + NONCE
        + "\r\nmodule:NetMonitor_1.0\r\nstack:d2 200 \r\nmethod:REMOVE\r\n\r\n");

    SignalResponse r = SignalCodec.parseResponse(wire);

    assertThat(r.code()).isEqualTo(404);
    assertThat(r.reason()).isEqualTo("Not Found");
    assertThat(r.method()).isEqualTo(Method.REMOVE);
    assertThat(r.stack()).containsExactly(new StackEntry("d1", 404, "no such module"), new StackEntry("d2", 200, ""));
    assertThat(SignalCodec.parseResponse(SignalCodec.encodeResponse(r))).isEqualTo(r);
  }

  @Test
  void withEntryRaisesTheCodeAndTheWorstWins() {
    SignalResponse ok = SignalSamples.response(1);

    SignalResponse failed = ok.withEntry(new StackEntry("domain-x", 503, "no node free"));
    SignalResponse after = failed.withEntry(new StackEntry("domain-y", 403, "not allowed"));

    assertThat(failed.code()).isEqualTo(503);
    assertThat(failed.reason()).isEqualTo("Unavailable");
    assertThat(after.code()).isEqualTo(503);
    assertThat(after.reason()).isEqualTo("Unavailable");
    assertThat(after.stack()).extracting(StackEntry::domain).containsExactly("domain-a", "domain-x", "domain-y");
    assertThat(ok.stack()).hasSize(1);
  }

  @Test
  void reasonTexts() {
    assertThat(SignalCodec.reasonFor(200)).isEqualTo("OK");
    assertThat(SignalCodec.reasonFor(429)).isEqualTo("Too Many Requests");
    assertThat(SignalCodec.reasonFor(504)).isEqualTo("Timeout");
    assertThat(SignalCodec.reasonFor(418)).isEqualTo("Status");
  }

  @Test
  void truncatedToFitCutsTheLastDetailAndKeepsEarlierEntries() throws Exception {
    SignalResponse r = SignalSamples.response(3);
    for (int i = 0; i < 3; i++) {
      r = r.withEntry(new StackEntry("transit-" + i, 200, "x".repeat(400)));
    }
    SignalResponse big = r;
    assertThatThrownBy(() -> SignalCodec.encodeResponse(big)).isInstanceOf(IllegalStateException.class);

    SignalResponse fit = SignalCodec.truncatedToFit(big);

    byte[] wire = SignalCodec.encodeResponse(fit);
    assertThat(wire.length).isEqualTo(SignalCodec.MAX_BYTES);
    assertThat(fit.stack()).hasSameSizeAs(big.stack());
    assertThat(fit.stack().subList(0, 5)).isEqualTo(big.stack().subList(0, 5));
    assertThat(fit.stack().get(5).detail()).startsWith("xxx").endsWith("...").hasSizeLessThan(400);
    assertThat(fit.code()).isEqualTo(big.code());
    assertThat(SignalCodec.parseResponse(wire)).isEqualTo(fit);
    assertThat(SignalCodec.truncatedToFit(fit)).isEqualTo(fit);
  }

  @Test
  void truncatedToFitDropsEntriesBeforeTheLastOnlyWhenCuttingIsNotEnough() throws Exception {
    SignalResponse r = SignalSamples.response(1);
    for (int i = 0; i < 30; i++) {
      r = r.withEntry(new StackEntry("transit-" + i, 200, "ok"));
    }
    SignalResponse big = r.withEntry(new StackEntry("here", 502, "x".repeat(300)));

    SignalResponse fit = SignalCodec.truncatedToFit(big);

    assertThat(fit.stack()).hasSize(SignalCodec.MAX_HEADERS - 3);
    assertThat(fit.stack().get(0)).isEqualTo(big.stack().get(0));
    assertThat(fit.stack().get(fit.stack().size() - 1).domain()).isEqualTo("here");
    assertThat(fit.stack().subList(0, fit.stack().size() - 1))
        .isEqualTo(big.stack().subList(0, fit.stack().size() - 1));
    assertThat(fit.code()).isEqualTo(502);
    assertThat(SignalCodec.parseResponse(SignalCodec.encodeResponse(fit))).isEqualTo(fit);
  }

  @Test
  void responseRecordsCheckTheirFields() {
    assertThatThrownBy(() -> new StackEntry("bad domain", 200, "")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new StackEntry("d", 600, "")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new StackEntry("d", 200, "two\nlines")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SignalResponse.of(200, Method.SETUP, MODULE, "short"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new PortSpec(5070, 5060)).isInstanceOf(IllegalArgumentException.class);
  }
}
