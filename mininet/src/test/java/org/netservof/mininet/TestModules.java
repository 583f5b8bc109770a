package org.netservof.mininet;

import java.nio.file.Path;
import org.netservof.node.testing.ModuleJars;

/** Modules the Mininet tests build for themselves, the way a module author would. */
final class TestModules {
  private TestModules() {}

  /**
   * FlowRecorder: forwards everything, and reports per UDP destination port how many packets it saw and
   * from which sources (address:port), so a test can tell which flows went through which node.
   */
  static Path flowRecorder(Path dir) throws Exception {
    String source = """
        package org.netservof.it;

        import java.util.Map;
        import java.util.Set;
        import java.util.TreeMap;
        import java.util.concurrent.ConcurrentHashMap;
        import java.util.concurrent.atomic.AtomicLong;
        import org.netservof.node.api.ModuleContext;
        import org.netservof.node.api.NetServModule;
        import org.netservof.node.api.Packet;
        import org.netservof.node.api.Verdict;

        public class FlowRecorder implements NetServModule {
          private final Map<String, AtomicLong> packets = new ConcurrentHashMap<>();
          private final Map<String, Set<String>> sources = new ConcurrentHashMap<>();

          public Verdict process(Packet p, ModuleContext c) {
            if (p.isUdp()) {
              String key = "udp/" + p.destinationPort();
              packets.computeIfAbsent(key, k -> new AtomicLong()).incrementAndGet();
              sources.computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet())
                  .add(Packet.ipText(p.ipSource()) + ":" + p.sourcePort());
            }
            return Verdict.FORWARD;
          }

          public Map<String, Object> report() {
            Map<String, Long> counts = new TreeMap<>();
            packets.forEach((k, v) -> counts.put(k, v.get()));
            Map<String, Object> flows = new TreeMap<>();
            sources.forEach((k, v) -> flows.put(k, new java.util.TreeSet<>(v)));
            return Map.of("packets", counts, "sources", flows);
          }
        }
        """;
    return ModuleJars.build(dir, "org.netservof.it.FlowRecorder", source, "org.netservof.it.FlowRecorder");
  }

  /**
   * EchoServer: a server module. At start it listens on the UDP port {@code udp} and the TCP port {@code tcp}
   * (its properties) and tries the UDP port {@code refused}, reporting the refusal; then it answers each datagram
   * with {@code echo:} and the datagram, and each connection's first line likewise.
   */
  static Path echoServer(Path dir) throws Exception {
    String source = """
        package org.netservof.it;

        import java.io.IOException;
        import java.nio.charset.StandardCharsets;
        import java.time.Duration;
        import java.util.Map;
        import java.util.concurrent.atomic.AtomicLong;
        import org.netservof.node.api.*;

        public class EchoServer implements NetServModule {
          private volatile boolean running = true;
          private volatile String refused = "not refused";
          private final AtomicLong udpEchoes = new AtomicLong();
          private final AtomicLong tcpEchoes = new AtomicLong();
          private final AtomicLong leaks = new AtomicLong();
          private volatile String leakError = "none";

          public void start(ModuleContext c) throws Exception {
            UdpEndpoint udp = c.listenUdp(Integer.parseInt(c.properties().get("udp")));
            TcpListener tcp = c.listenTcp(Integer.parseInt(c.properties().get("tcp")));
            try {
              c.listenUdp(Integer.parseInt(c.properties().get("refused")));
            } catch (IOException e) {
              refused = e.getMessage();
            }
            daemon(() -> udpLoop(udp));
            daemon(() -> tcpLoop(tcp));
            String leak = c.properties().get("leak"); // an attack: IP:PORT off the data plane to send to
            if (leak != null) {
              String[] at = leak.split(":");
              daemon(() -> leakLoop(udp, new java.net.InetSocketAddress(at[0], Integer.parseInt(at[1]))));
            }
          }

          /** Sends from the listening socket toward an address the node reaches only off the data plane. */
          private void leakLoop(UdpEndpoint udp, java.net.InetSocketAddress to) {
            byte[] leak = "leak".getBytes(StandardCharsets.UTF_8);
            while (running) {
              try {
                udp.send(leak, leak.length, to);
                leaks.incrementAndGet();
              } catch (IOException e) {
                leakError = String.valueOf(e.getMessage());
              }
              try {
                Thread.sleep(100);
              } catch (InterruptedException e) {
                return;
              }
            }
          }

          private static void daemon(Runnable r) {
            Thread t = new Thread(r);
            t.setDaemon(true);
            t.start();
          }

          private void udpLoop(UdpEndpoint udp) {
            byte[] buffer = new byte[2048];
            byte[] prefix = "echo:".getBytes(StandardCharsets.UTF_8);
            while (running) {
              try {
                var got = udp.receive(buffer, Duration.ofMillis(200));
                if (got.isPresent()) {
                  byte[] out = new byte[prefix.length + got.get().length()];
                  System.arraycopy(prefix, 0, out, 0, prefix.length);
                  System.arraycopy(buffer, 0, out, prefix.length, got.get().length());
                  udp.send(out, out.length, got.get().sender());
                  udpEchoes.incrementAndGet();
                }
              } catch (IOException e) {
                return;
              }
            }
          }

          private void tcpLoop(TcpListener tcp) {
            while (running) {
              try {
                var accepted = tcp.accept(Duration.ofMillis(200));
                if (accepted.isPresent()) {
                  try (TcpConnection c = accepted.get()) {
                    StringBuilder line = new StringBuilder();
                    int b;
                    while ((b = c.input().read()) >= 0 && b != '\\n') {
                      line.append((char) b);
                    }
                    c.output().write(("echo:" + line + "\\n").getBytes(StandardCharsets.UTF_8));
                    tcpEchoes.incrementAndGet();
                  }
                }
              } catch (IOException e) {
                return;
              }
            }
          }

          public Verdict process(Packet p, ModuleContext c) {
            return Verdict.FORWARD;
          }

          public void stop() {
            running = false;
          }

          public Map<String, Object> report() {
            return Map.of("refused", refused, "udp-echoes", udpEchoes.get(), "tcp-echoes", tcpEchoes.get(),
                "leaks", leaks.get(), "leak-error", leakError);
          }
        }
        """;
    return ModuleJars.build(dir, "org.netservof.it.EchoServer", source, "org.netservof.it.EchoServer");
  }

  /**
   * A module that connects out at start, from a thread of its own: to {@code granted}, {@code ungranted} and
   * {@code management} ({@code IP:PORT} each), reporting for each the first line it read or the refusal.
   */
  static Path connector(Path dir) throws Exception {
    String source = """
        package org.netservof.it;

        import java.io.IOException;
        import java.net.InetAddress;
        import java.net.InetSocketAddress;
        import java.nio.charset.StandardCharsets;
        import java.time.Duration;
        import java.util.Map;
        import org.netservof.node.api.*;

        public class Connector implements NetServModule {
          private volatile String granted = "not yet";
          private volatile String ungranted = "not yet";
          private volatile String management = "not yet";

          public void start(ModuleContext c) {
            Thread t = new Thread(() -> {
              granted = attempt(c, c.properties().get("granted"));
              ungranted = attempt(c, c.properties().get("ungranted"));
              management = attempt(c, c.properties().get("management"));
            });
            t.setDaemon(true);
            t.start();
          }

          private static String attempt(ModuleContext c, String target) {
            String[] at = target.split(":");
            try (TcpConnection connection = c.connectTcp(new InetSocketAddress(InetAddress.getByName(at[0]),
                Integer.parseInt(at[1])), Duration.ofSeconds(5))) {
              return "read:" + new String(connection.input().readNBytes(6), StandardCharsets.UTF_8);
            } catch (IOException e) {
              return "refused:" + e.getMessage();
            }
          }

          public Verdict process(Packet packet, ModuleContext context) {
            return Verdict.FORWARD;
          }

          public Map<String, Object> report() {
            return Map.of("granted", granted, "ungranted", ungranted, "management", management);
          }
        }
        """;
    return ModuleJars.build(dir, "org.netservof.it.Connector", source, "org.netservof.it.Connector");
  }
}
