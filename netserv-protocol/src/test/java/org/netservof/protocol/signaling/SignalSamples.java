package org.netservof.protocol.signaling;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Valid signaling messages the tests start from, as text and as records. */
final class SignalSamples {
  /** Base64 of 64 bytes 0..63, the shape of an Ed25519 signature. */
  static final String SIGNATURE = Base64.getEncoder().encodeToString(bytes(64));
  static final String SHA256 = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
  static final String NONCE = "q7Zr-2mK_x91LpTe";
  static final String MODULE = "NetServ.apps.NetMonitor_1.0.0";

  /** The thesis's Fig 6.3 SETUP with the fields this project adds (hash, nonce, timestamp, signature). */
  static final List<String> SETUP_LINES = List.of(
      "SETUP " + MODULE + " NETSERV/0.1",
      "filter-port:5060",
      "filter-proto:udp",
      "ttl:3600",
      "user:janedoe",
      "url:http://content-provider.com/modules/netmonitor.jar",
      "module-sha256:" + SHA256,
      "nonce:" + NONCE,
      "timestamp:1790000000",
      "signature:" + SIGNATURE);

  private SignalSamples() {}

  static byte[] bytes(int n) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) i;
    }
    return b;
  }

  static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  /** Lines joined with LF, then the blank line. */
  static byte[] message(List<String> lines) {
    return ascii(String.join("\n", lines) + "\n\n");
  }

  static byte[] message(String... lines) {
    return message(List.of(lines));
  }

  /** The thesis SETUP with one header's value replaced, or appended when the message lacks it. */
  static byte[] setupWith(String header, String value) {
    List<String> lines = new ArrayList<>(SETUP_LINES);
    int i = indexOf(lines, header);
    if (i < 0) {
      lines.add(header + ":" + value);
    } else {
      lines.set(i, header + ":" + value);
    }
    return message(lines);
  }

  static byte[] setupWithout(String header) {
    List<String> lines = new ArrayList<>(SETUP_LINES);
    lines.remove(indexOf(lines, header));
    return message(lines);
  }

  /** The thesis SETUP with raw lines added before the blank line. */
  static byte[] setupPlus(String... extra) {
    List<String> lines = new ArrayList<>(SETUP_LINES);
    lines.addAll(List.of(extra));
    return message(lines);
  }

  /** The thesis SETUP with its request line replaced. */
  static byte[] setupLine(String requestLine) {
    List<String> lines = new ArrayList<>(SETUP_LINES);
    lines.set(0, requestLine);
    return message(lines);
  }

  private static int indexOf(List<String> lines, String header) {
    for (int i = 1; i < lines.size(); i++) {
      if (lines.get(i).startsWith(header + ":")) {
        return i;
      }
    }
    return -1;
  }

  /** The headers every method needs. */
  static Map<String, String> common() {
    Map<String, String> h = new LinkedHashMap<>();
    h.put("user", "janedoe");
    h.put("nonce", NONCE);
    h.put("timestamp", "1790000000");
    return h;
  }

  /** A SETUP with every header it allows. */
  static SignalRequest fullSetup() {
    Map<String, String> h = new LinkedHashMap<>();
    h.put("dependencies", "NetServ.lib.Stats_2.1,NetServ.lib.Log_1.0");
    h.put("filter-port", "5060-5070");
    h.put("filter-proto", "udp");
    h.put("filter-dst", "10.1.0.0/16");
    h.put("filter-src", "192.168.7.9");
    h.put("notification", "https://janedoe.example.org:8443/events?src=netserv");
    h.put("node-id", "n3");
    h.put("properties", "sample=100,mode=fast,empty=");
    h.put("ttl", "3600");
    h.put("url", "http://content-provider.com/modules/netmonitor.jar");
    h.put("module-sha256", SHA256);
    h.putAll(common());
    h.put("signature", SIGNATURE);
    return new SignalRequest(Method.SETUP, MODULE, h);
  }

  static SignalRequest remove() {
    Map<String, String> h = new LinkedHashMap<>();
    h.put("notification", "");
    h.put("node-id", "n1");
    h.putAll(common());
    h.put("signature", SIGNATURE);
    return new SignalRequest(Method.REMOVE, MODULE, h);
  }

  static SignalRequest probe() {
    Map<String, String> h = new LinkedHashMap<>();
    h.put("probe", "status,modules,policy");
    h.putAll(common());
    h.put("signature", SIGNATURE);
    return new SignalRequest(Method.PROBE, "Probe_0", h);
  }

  static SignalRequest trigger() {
    Map<String, String> h = new LinkedHashMap<>();
    h.put("request", Base64.getEncoder().encodeToString(SignalCodec.encode(remove())));
    h.putAll(common());
    h.put("signature", SIGNATURE);
    return new SignalRequest(Method.TRIGGER, MODULE, h);
  }

  static List<SignalRequest> requests() {
    return List.of(fullSetup(), remove(), probe(), trigger());
  }

  /** A response with {@code entries} stack entries, the first from the farthest domain. */
  static SignalResponse response(int entries) {
    SignalResponse r = SignalResponse.of(200, Method.SETUP, "NetMonitor_1.0", NONCE);
    for (int i = 0; i < entries; i++) {
      r = r.withEntry(new StackEntry("domain-" + (char) ('a' + entries - 1 - i), 200, "installed on n" + i));
    }
    return r;
  }
}
