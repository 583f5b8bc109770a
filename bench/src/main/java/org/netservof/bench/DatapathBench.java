package org.netservof.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.netservof.controller.testing.Processes;
import org.netservof.mininet.MininetScenario;
import org.netservof.node.agent.ContainerJvm;
import org.netservof.node.protocol.ChannelMessage;
import org.netservof.node.protocol.ContainerMessage;
import org.netservof.node.protocol.Json;
import org.netservof.node.testing.Frames;

/**
 * A service node's data path against the kernel's, on the same interfaces: a generator namespace sends
 * frames at full speed (trafgen) into the node's namespace, which passes them on to a sink namespace,
 * either with a Linux bridge (the peer) or with a container JVM running a module (ours); the sink's
 * interface counts what arrives. NetMonitor with 64-byte frames, KeepAlive Responder with 340-byte SIP
 * keep-alives (answered: the replies are what arrives). The container runs as on a node, bound to the two
 * interfaces (a bump in the wire), without the agent and the controller, which are not on the data path.
 */
final class NodeBench {
  private final int seconds;
  private final int rounds;
  private final String prefix = String.format("nsb%03x", new SecureRandom().nextInt(0x1000));
  private final String gen = prefix + "g";
  private final String dut = prefix + "d";
  private final String sink = prefix + "s";

  NodeBench(int seconds, int rounds) {
    this.seconds = seconds;
    this.rounds = rounds;
  }

  /** One workload: a frame, the module that handles it. */
  private record Workload(String name, byte[] frame, String module) {}

  Report run(Path work) throws Exception {
    Machine machine = Machine.now();
    Report report = new Report("node", "node (Java container)", "Linux bridge", machine);
    byte[] small = Frames.udp("02:00:00:00:00:01", "02:00:00:00:00:02", "10.0.0.1", "10.0.0.2", 40000, 9, 64,
        new byte[18]);
    byte[] sip = keepAlive340();
    List<Workload> workloads = List.of(new Workload("NetMonitor, 64-byte frames", small, "NetMonitor"),
        new Workload("KeepAlive Responder, 340-byte SIP keep-alives", sip, "KeepAliveResponder"));
    try {
      setUp();
      for (Workload w : workloads) {
        Path conf = work.resolve(w.module() + ".trafgen");
        Files.writeString(conf, trafgenConfig(w.frame()));
        List<Double> kernel = new ArrayList<>();
        List<Double> node = new ArrayList<>();
        List<Double> offeredToKernel = new ArrayList<>();
        List<Double> offeredToNode = new ArrayList<>();
        long memoryKb = 0;
        for (int r = 0; r < rounds; r++) {
          bridge(true);
          kernel.add(measure(conf));
          offeredToKernel.add(lastOffered);
          bridge(false);
          try (Container c = new Container(work.resolve("container-" + w.module() + "-" + r), w.module())) {
            measure(conf, 2); // warm-up: the JIT compiles the packet path
            node.add(measure(conf));
            offeredToNode.add(lastOffered);
            memoryKb = Math.max(memoryKb, c.stats().memoryKb());
          }
        }
        double k = Stats.median(kernel);
        double n = Stats.median(node);
        report.add(w.name() + ": frames forwarded per second, median of " + rounds, "kpps", n / 1000, k / 1000, true);
        report.note(w.name() + ": node " + kpps(node) + " kpps of " + kpps(offeredToNode) + " offered; bridge "
            + kpps(kernel) + " kpps of " + kpps(offeredToKernel) + " offered");
        report.addAlone(w.name() + ": container resident memory under load", "MB", memoryKb / 1024.0);
      }
      report.note("frame size is the Ethernet frame without FCS; generator: trafgen on one core, sending as fast "
          + "as it can; the bridge forwards in the generator's own softirq context, so its figure is bounded by "
          + "the generator's core, while the container reads its ring on another core");
    } finally {
      tearDown();
    }
    report.finish(machine.finish());
    return report;
  }

  /** A SIP NOTIFY keep-alive in a 340-byte frame (14 Ethernet + 20 IPv4 + 8 UDP + 298 SIP). */
  private static byte[] keepAlive340() {
    String sip = "NOTIFY sip:sip.example.net SIP/2.0\r\n"
        + "Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK-524287-1---3f5c1;rport\r\n"
        + "Max-Forwards: 70\r\n"
        + "To: <sip:alice@sip.example.net>\r\n"
        + "From: <sip:alice@sip.example.net>;tag=8d3c1a2f\r\n"
        + "Call-ID: 7b9e2f1c4d6a8e0b@10.0.0.1\r\n"
        + "CSeq: 12 NOTIFY\r\n"
        + "Event: keep-alive\r\n"
        + "Content-Length: 0\r\n\r\n";
    byte[] frame = Frames.udp("02:00:00:00:00:01", "02:00:00:00:00:02", "10.0.0.1", "10.0.0.2", 5062, 5060, 64,
        sip.getBytes(StandardCharsets.ISO_8859_1));
    if (frame.length != 340) {
      throw new IllegalStateException("the keep-alive frame is " + frame.length + " bytes, not 340");
    }
    return frame;
  }

  private static String trafgenConfig(byte[] frame) {
    StringBuilder b = new StringBuilder("{ ");
    for (int i = 0; i < frame.length; i++) {
      b.append(String.format("0x%02x", frame[i] & 0xff)).append(i + 1 < frame.length ? ", " : " }\n");
    }
    return b.toString();
  }

  /** Frames per second that reached the sink while the generator ran. */
  private double measure(Path conf) {
    return measure(conf, seconds);
  }

  private double measure(Path conf, int forSeconds) {
    long before = rxPackets();
    long sentBefore = txPackets();
    long start = System.nanoTime();
    Processes.runAllowingFailure(Duration.ofSeconds(forSeconds + 30), "ip", "netns", "exec", gen, "timeout",
        String.valueOf(forSeconds), "trafgen", "--dev", gen + "0", "--conf", conf.toString(), "--cpus", "1", "-q");
    double elapsed = (System.nanoTime() - start) / 1e9;
    try {
      Thread.sleep(200); // what is in flight lands
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    lastOffered = (txPackets() - sentBefore) / elapsed;
    return (rxPackets() - before) / elapsed;
  }

  /** What the generator sent per second in the last measurement. */
  private double lastOffered;

  private long txPackets() {
    return Long.parseLong(Processes.run("ip", "netns", "exec", gen, "cat", "/sys/class/net/" + gen + "0/statistics"
        + "/tx_packets").trim());
  }

  private long rxPackets() {
    return Long.parseLong(Processes.run("ip", "netns", "exec", sink, "cat", "/sys/class/net/" + sink + "0/statistics"
        + "/rx_packets").trim());
  }

  private void setUp() {
    tearDown();
    for (String ns : List.of(gen, dut, sink)) {
      Processes.run("ip", "netns", "add", ns);
      Processes.run("ip", "netns", "exec", ns, "sysctl", "-qw", "net.ipv6.conf.all.disable_ipv6=1");
    }
    Processes.run("ip", "link", "add", gen + "0", "type", "veth", "peer", "name", dut + "0");
    Processes.run("ip", "link", "add", dut + "1", "type", "veth", "peer", "name", sink + "0");
    Map<String, String> where = Map.of(gen + "0", gen, dut + "0", dut, dut + "1", dut, sink + "0", sink);
    where.forEach((intf, ns) -> {
      Processes.run("ip", "link", "set", intf, "netns", ns);
      Processes.run("ip", "netns", "exec", ns, "ip", "link", "set", intf, "up");
    });
  }

  private void bridge(boolean on) {
    if (on) {
      Processes.run("ip", "netns", "exec", dut, "ip", "link", "add", "br0", "type", "bridge");
      Processes.run("ip", "netns", "exec", dut, "ip", "link", "set", dut + "0", "master", "br0");
      Processes.run("ip", "netns", "exec", dut, "ip", "link", "set", dut + "1", "master", "br0");
      Processes.run("ip", "netns", "exec", dut, "ip", "link", "set", "br0", "up");
    } else {
      Processes.run("ip", "netns", "exec", dut, "ip", "link", "del", "br0");
    }
  }

  private void tearDown() {
    for (String ns : List.of(gen, dut, sink)) {
      Processes.runAllowingFailure(Duration.ofSeconds(10), "ip", "netns", "del", ns);
    }
  }

  /** A container JVM in the node namespace between its two interfaces, with one module loaded. */
  private final class Container implements AutoCloseable {
    private final Process process;
    private final Writer in;
    private final BufferedReader out;

    Container(Path dir, String module) throws Exception {
      Files.createDirectories(dir);
      Path jar = MininetScenario.root().resolve("mininet/target/modules/" + module + ".jar");
      // Started as the node agent starts containers (the same JVM settings), minus the user switch.
      List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", dut));
      command.addAll(ContainerJvm.command("32m", ""));
      command.addAll(List.of("org.netservof.node.container.ContainerMain", "--interface", dut + "0",
          "--out-interface", dut + "1", "--user", "bench", "--work", dir.toString()));
      ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
      builder.environment().putAll(ContainerJvm.environment());
      process = builder.start();
      in = new java.io.OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
      out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      String digest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(jar)));
      ContainerMessage answer = ask(new ContainerMessage.Load(module + "_1.0", jar.toString(), digest, Map.of()));
      if (!(answer instanceof ContainerMessage.Done done) || !done.ok()) {
        throw new IllegalStateException("the container did not load " + module + ": " + answer);
      }
    }

    ChannelMessage.ContainerStats stats() throws IOException {
      return ((ContainerMessage.Stats) ask(new ContainerMessage.StatsRequest())).stats();
    }

    private ContainerMessage ask(ContainerMessage m) throws IOException {
      in.write(Json.line(m) + "\n");
      in.flush();
      while (true) {
        String line = out.readLine();
        if (line == null) {
          throw new IOException("the container exited");
        }
        ContainerMessage answer = Json.read(line, ContainerMessage.class);
        if (answer instanceof ContainerMessage.Done || answer instanceof ContainerMessage.Stats) {
          return answer;
        }
        throw new IOException("the container reported " + answer); // a module unloaded: the figures are void
      }
    }

    @Override
    public void close() throws Exception {
      in.close();
      if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    }
  }


  private static String kpps(List<Double> values) {
    return values.stream().map(v -> String.format("%.0f", v / 1000)).toList().toString();
  }
}
