package org.netservof.bench;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.netservof.protocol.signaling.Method;
import org.netservof.protocol.signaling.SignalCodec;
import org.netservof.protocol.signaling.SignalKeys;
import org.netservof.protocol.signaling.SignalRequest;
import org.netservof.protocol.signaling.SignalResponse;

/**
 * The signaling benchmark's client, run inside a Mininet host: {@code once} sends one SETUP and prints when it
 * left; {@code load} sends COUNT signed SETUPs (each with its own nonce, all for the same service, so each is a
 * refresh) keeping WINDOW unanswered, and prints how many were answered how fast; {@code remove} sends a REMOVE.
 * Output is one JSON line.
 *
 * <p>Arguments: MODE DEST USER KEY MODULE URL SHA256 FILTER_DST [COUNT WINDOW]
 */
public final class SignalLoad {
  private SignalLoad() {}

  public static void main(String[] args) throws Exception {
    String mode = args[0];
    InetSocketAddress to = new InetSocketAddress(args[1], 270);
    PrivateKey key = SignalKeys.readPrivate(Path.of(args[3]));
    Map<String, String> setup = new LinkedHashMap<>();
    setup.put("filter-port", "5060");
    setup.put("filter-proto", "udp");
    setup.put("filter-dst", args[7]);
    setup.put("ttl", "600");
    setup.put("url", args[5]);
    setup.put("module-sha256", args[6]);
    try (DatagramSocket socket = new DatagramSocket()) {
      switch (mode) {
        case "once" -> {
          byte[] m = message(Method.SETUP, args[4], setup, args[2], key, 0);
          double sentAt = System.currentTimeMillis() / 1000.0;
          socket.send(new DatagramPacket(m, m.length, to));
          SignalResponse r = await(socket, 60_000);
          System.out.println("{\"sent_at\":" + sentAt + ",\"code\":" + (r == null ? 0 : r.code()) + "}");
        }
        case "remove" -> {
          byte[] m = message(Method.REMOVE, args[4], new LinkedHashMap<>(), args[2], key, 0);
          socket.send(new DatagramPacket(m, m.length, to));
          SignalResponse r = await(socket, 60_000);
          System.out.println("{\"code\":" + (r == null ? 0 : r.code()) + "}");
        }
        case "load" -> load(socket, to, args, setup, key, Integer.parseInt(args[8]), Integer.parseInt(args[9]));
        default -> throw new IllegalArgumentException("mode " + mode);
      }
    }
  }

  private static void load(DatagramSocket socket, InetSocketAddress to, String[] args, Map<String, String> setup,
      PrivateKey key, int count, int window) throws Exception {
    List<byte[]> messages = new ArrayList<>();
    List<String> nonces = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      byte[] m = message(Method.SETUP, args[4], setup, args[2], key, i + 1);
      messages.add(m);
      nonces.add(SignalCodec.parseRequest(m).nonce().orElseThrow());
    }
    Map<String, Long> sentAt = new HashMap<>();
    List<Long> latencies = new ArrayList<>();
    Map<Integer, Integer> codes = new TreeMap<>();
    socket.setSoTimeout(200);
    byte[] buffer = new byte[2048];
    int next = 0;
    long began = System.nanoTime();
    long lastProgress = began;
    while (latencies.size() < count && System.nanoTime() - lastProgress < 15_000_000_000L) {
      while (next < count && sentAt.size() < window) {
        sentAt.put(nonces.get(next), System.nanoTime());
        socket.send(new DatagramPacket(messages.get(next), messages.get(next).length, to));
        next++;
      }
      SignalResponse r = receive(socket, buffer);
      Long at = r == null ? null : sentAt.remove(r.nonce());
      if (at != null) {
        lastProgress = System.nanoTime();
        latencies.add(lastProgress - at);
        codes.merge(r.code(), 1, Integer::sum);
      }
    }
    printSummary(next, (lastProgress - began) / 1e9, latencies, codes);
  }

  /** One JSON line: sent, answered, seconds to the last answer, p50 and p99 in ms, answers by code. */
  private static void printSummary(int sent, double seconds, List<Long> latencies, Map<Integer, Integer> codes) {
    Collections.sort(latencies);
    double p50 = latencies.isEmpty() ? 0 : latencies.get(latencies.size() / 2) / 1e6;
    double p99 = latencies.isEmpty() ? 0 : latencies.get(Math.min(latencies.size() - 1, latencies.size() * 99 / 100)) / 1e6;
    System.out.println("{\"sent\":" + sent + ",\"answered\":" + latencies.size() + ",\"seconds\":" + seconds
        + ",\"p50_ms\":" + p50 + ",\"p99_ms\":" + p99 + ",\"codes\":\"" + codes + "\"}");
  }

  private static byte[] message(Method method, String module, Map<String, String> specific, String user,
      PrivateKey key, int sequence) {
    Map<String, String> h = new LinkedHashMap<>(specific);
    h.put("user", user);
    h.put("nonce", String.format("b%08x%015d", System.nanoTime() & 0xffffffffL, sequence));
    h.put("timestamp", String.valueOf(System.currentTimeMillis() / 1000));
    return SignalCodec.encode(SignalKeys.signed(new SignalRequest(method, module, h), key));
  }

  private static SignalResponse await(DatagramSocket socket, int millis) throws Exception {
    socket.setSoTimeout(millis);
    return receive(socket, new byte[2048]);
  }

  /** The next response within the socket's timeout, or null when none came. */
  private static SignalResponse receive(DatagramSocket socket, byte[] buffer) throws Exception {
    DatagramPacket in = new DatagramPacket(buffer, buffer.length);
    try {
      socket.receive(in);
    } catch (SocketTimeoutException e) {
      return null;
    }
    return SignalCodec.parseResponse(Arrays.copyOf(in.getData(), in.getLength()));
  }
}
