package org.netservof.cli;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.netservof.protocol.signaling.Method;
import org.netservof.protocol.signaling.SignalCodec;
import org.netservof.protocol.signaling.SignalFormatException;
import org.netservof.protocol.signaling.SignalKeys;
import org.netservof.protocol.signaling.SignalRequest;
import org.netservof.protocol.signaling.SignalResponse;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code netserv signal}: builds a NetServ request, signs it with the user's key, sends it toward a destination
 * on UDP port 270 so that every NetServ domain on the path acts on it, waits for the response, prints it, and
 * exits 0 only when every domain said 200.
 */
@Command(name = "netserv signal", mixinStandardHelpOptions = true,
    subcommands = {SignalMain.Setup.class, SignalMain.Remove.class, SignalMain.Probe.class, SignalMain.Trigger.class},
    description = "Send a signed NetServ request toward a destination and print the response. Exit 0 when "
        + "every domain on the path answered 200, 1 when one refused or failed, 2 on bad usage, 3 when no "
        + "response came in time.")
public final class SignalMain implements Callable<Integer> {
  static final int NO_RESPONSE = 3;

  public static void main(String[] args) {
    System.exit(new CommandLine(new SignalMain()).execute(args));
  }

  @Override
  public Integer call() {
    new CommandLine(this).usage(System.err);
    return 2;
  }

  /** What every request names: where it goes, whose it is, and the module it is about. */
  static final class Common {
    @Option(names = "--to", required = true, paramLabel = "DEST_IP",
        description = "The destination the request travels toward (a user's host, say); domains on the path act.")
    String to;

    @Option(names = "--user", required = true, description = "The user the request is from.")
    String user;

    @Option(names = "--key", required = true, paramLabel = "FILE",
        description = "The user's Ed25519 private key (from netserv keygen).")
    Path key;

    @Option(names = "--module", required = true, paramLabel = "NAME_VERSION",
        description = "The module, as NAME_VERSION (NetMonitor_1.0).")
    String module;

    @Option(names = "--timeout", defaultValue = "30s", converter = DurationOption.class,
        description = "How long to wait for the response (default ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = "--port", defaultValue = "270", hidden = true, description = "The signaling port.")
    int port;

    // Fixed values make a message byte for byte the same as an earlier one: how tests show replays are refused.
    @Option(names = "--nonce", hidden = true, description = "Use this nonce instead of a random one.")
    String nonce;

    @Option(names = "--timestamp", hidden = true, description = "Use this timestamp instead of the clock.")
    Long timestamp;
  }

  /** What a SETUP adds. */
  static final class SetupOptions {
    @Option(names = "--url", required = true, description = "Where nodes fetch the module JAR (http or https).")
    String url;

    @Option(names = "--sha256", required = true, paramLabel = "HEX",
        description = "The SHA-256 of the JAR; nodes refuse other bytes.")
    String sha256;

    @Option(names = "--ttl", required = true, paramLabel = "SECONDS",
        description = "Seconds until the module and its steering go, unless the SETUP is sent again.")
    int ttl;

    @Option(names = "--filter-proto", paramLabel = "P", description = "udp, tcp, icmp (default: all IPv4).")
    String filterProto;

    @Option(names = "--filter-port", paramLabel = "N[-M]", description = "Destination port or range (udp/tcp).")
    String filterPort;

    @Option(names = "--filter-dst", paramLabel = "PREFIX", description = "Destination IPv4 prefix.")
    String filterDst;

    @Option(names = "--filter-src", paramLabel = "PREFIX", description = "Source IPv4 prefix.")
    String filterSrc;

    @Option(names = "--properties", paramLabel = "k=v,...", description = "Properties handed to the module.")
    String properties;

    @Option(names = "--node-id", description = "Install on this node only.")
    String nodeId;

    @Option(names = "--dependencies", paramLabel = "NAME,...",
        description = "Building blocks a node must offer to get the module.")
    String dependencies;

    @Option(names = "--notification", paramLabel = "URL",
        description = "XML-RPC URL each domain calls once the module is installed.")
    String notification;

    Map<String, String> headers() {
      Map<String, String> h = new LinkedHashMap<>();
      put(h, "dependencies", dependencies);
      put(h, "filter-port", filterPort);
      put(h, "filter-proto", filterProto);
      put(h, "filter-dst", filterDst);
      put(h, "filter-src", filterSrc);
      put(h, "notification", notification);
      put(h, "node-id", nodeId);
      put(h, "properties", properties);
      h.put("ttl", String.valueOf(ttl));
      h.put("url", url);
      h.put("module-sha256", sha256 == null ? null : sha256.toLowerCase(java.util.Locale.ROOT));
      return h;
    }
  }

  @Command(name = "setup", mixinStandardHelpOptions = true,
      description = "Install a module on the nodes of every domain on the path and steer the filter's traffic "
          + "through it for --ttl seconds.")
  static final class Setup implements Callable<Integer> {
    @Mixin Common common;
    @ArgGroup(exclusive = false, multiplicity = "1") SetupOptions setup;

    @Override
    public Integer call() throws Exception {
      return send(common, Method.SETUP, setup.headers());
    }
  }

  @Command(name = "remove", mixinStandardHelpOptions = true,
      description = "Remove a module and its steering from every domain on the path.")
  static final class Remove implements Callable<Integer> {
    @Mixin Common common;

    @Option(names = "--node-id", description = "The node it was installed on, if one was named.")
    String nodeId;

    @Option(names = "--notification", paramLabel = "URL", description = "XML-RPC URL called once it is removed.")
    String notification;

    @Override
    public Integer call() throws Exception {
      Map<String, String> h = new LinkedHashMap<>();
      put(h, "notification", notification);
      put(h, "node-id", nodeId);
      return send(common, Method.REMOVE, h);
    }
  }

  @Command(name = "probe", mixinStandardHelpOptions = true,
      description = "Ask every domain on the path about its nodes, capabilities, policy for you, and your modules.")
  static final class Probe implements Callable<Integer> {
    @Mixin Common common;

    @Option(names = "--probe", defaultValue = "all", paramLabel = "WHAT",
        description = "status, nodes, capabilities, policy, modules or all, comma separated (default ${DEFAULT-VALUE}).")
    String probe;

    @Option(names = "--node-id", description = "Ask about this node only.")
    String nodeId;

    @Override
    public Integer call() throws Exception {
      Map<String, String> h = new LinkedHashMap<>();
      put(h, "node-id", nodeId);
      h.put("probe", probe);
      return send(common, Method.PROBE, h);
    }
  }

  @Command(name = "trigger", mixinStandardHelpOptions = true,
      description = "Send a SETUP (with --url) or a PROBE (with --probe) toward the destination inside a TRIGGER: the "
          + "last domain on the path sends it back toward you, so it is installed on the reverse path.")
  static final class Trigger implements Callable<Integer> {
    @Mixin Common common;
    @ArgGroup(exclusive = false) SetupOptions setup;

    @Option(names = "--probe", paramLabel = "WHAT", description = "Carry a PROBE of this instead of a SETUP.")
    String probe;

    @Override
    public Integer call() throws Exception {
      if ((setup == null) == (probe == null)) {
        System.err.println("netserv signal trigger: give either the SETUP options (--url ...) or --probe");
        return 2;
      }
      PrivateKey key = SignalKeys.readPrivate(common.key);
      Map<String, String> inner = setup != null ? setup.headers() : new LinkedHashMap<>(Map.of("probe", probe));
      Map<String, String> h = new LinkedHashMap<>();
      try {
        SignalRequest carried = request(common, setup != null ? Method.SETUP : Method.PROBE, inner, key);
        h.put("request", Base64.getEncoder().encodeToString(SignalCodec.encode(carried)));
      } catch (IllegalArgumentException | IllegalStateException e) {
        System.err.println("netserv signal: the carried request would be refused: " + e.getMessage());
        return 2;
      }
      return send(common, Method.TRIGGER, h);
    }
  }

  private static void put(Map<String, String> headers, String name, String value) {
    if (value != null) {
      headers.put(name, value);
    }
  }

  /** A signed request: the method's headers, then user, nonce and timestamp, then the signature. */
  static SignalRequest request(Common c, Method method, Map<String, String> specific, PrivateKey key) {
    Map<String, String> headers = new LinkedHashMap<>(specific);
    headers.values().removeIf(java.util.Objects::isNull);
    headers.put("user", c.user);
    byte[] nonce = new byte[16];
    new SecureRandom().nextBytes(nonce);
    headers.put("nonce", c.nonce != null ? c.nonce : Base64.getUrlEncoder().withoutPadding().encodeToString(nonce));
    headers.put("timestamp", String.valueOf(c.timestamp != null ? c.timestamp : System.currentTimeMillis() / 1000));
    return SignalKeys.signed(new SignalRequest(method, c.module, headers), key);
  }

  private static int send(Common c, Method method, Map<String, String> headers) throws Exception {
    PrivateKey key = SignalKeys.readPrivate(c.key);
    byte[] message;
    SignalRequest request;
    try {
      request = request(c, method, headers, key);
      message = SignalCodec.encode(request);
      SignalCodec.parseRequest(message); // what the domains will check, checked here first
    } catch (SignalFormatException | IllegalArgumentException | IllegalStateException e) {
      System.err.println("netserv signal: the request would be refused: " + e.getMessage());
      return 2;
    }
    try (DatagramSocket socket = new DatagramSocket()) {
      socket.send(new DatagramPacket(message, message.length, new InetSocketAddress(InetAddress.getByName(c.to),
          c.port)));
      return awaitResponse(socket, c.timeout, request.nonce().orElse(""));
    }
  }

  /** Waits for the response carrying {@code nonce} and prints it; the exit code it means. */
  private static int awaitResponse(DatagramSocket socket, Duration timeout, String nonce) throws IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    byte[] buffer = new byte[65536];
    while (true) {
      long left = (deadline - System.nanoTime()) / 1_000_000;
      if (left <= 0) {
        System.err.println("netserv signal: no response within " + timeout.toSeconds() + " s");
        return NO_RESPONSE;
      }
      socket.setSoTimeout((int) Math.max(1, left));
      DatagramPacket in = new DatagramPacket(buffer, buffer.length);
      try {
        socket.receive(in);
      } catch (SocketTimeoutException e) {
        continue;
      }
      byte[] payload = Arrays.copyOf(in.getData(), in.getLength());
      SignalResponse response = parsed(payload, in);
      if (response != null && nonce.equals(response.nonce())) { // else an answer to some earlier request
        System.out.print(new String(payload, StandardCharsets.US_ASCII));
        return response.code() == 200 ? 0 : 1;
      }
    }
  }

  /** The response in a datagram, or null (said on stderr) when it is malformed. */
  private static SignalResponse parsed(byte[] payload, DatagramPacket in) {
    try {
      return SignalCodec.parseResponse(payload);
    } catch (SignalFormatException e) {
      System.err.println("netserv signal: ignoring a malformed response from " + in.getSocketAddress() + ": "
          + e.getMessage());
      return null;
    }
  }
}
