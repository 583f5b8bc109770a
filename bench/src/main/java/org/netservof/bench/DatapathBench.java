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
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.netservof.controller.testing.Ovs;
import org.netservof.controller.testing.Processes;
import org.netservof.mininet.MininetScenario;
import org.netservof.node.agent.ContainerJvm;
import org.netservof.node.testing.Frames;
import org.netservof.protocol.node.ChannelMessage;
import org.netservof.protocol.node.ContainerMessage;
import org.netservof.protocol.node.Json;

/**
 * A service node's data path against the kernel's and Open vSwitch's, then a steered path's round-trip time
 * against the direct path's ({@link SteeredPathRtt}).
 *
 * <p>Forwarding rate, on the same interfaces: a generator namespace sends frames at full speed (trafgen) into
 * the node's namespace, which passes them on to a sink namespace, with a Linux bridge (the first peer), with
 * plain Open vSwitch (the second peer: a {@code datapath_type=netdev} bridge with the one flow
 * {@code in_port=1,actions=output:2}), or with a container JVM running a module (ours); the sink's interface
 * counts what arrives. NetMonitor with 64-byte frames, KeepAlive Responder with 340-byte SIP keep-alives. The
 * container runs as on a node, bound to the two interfaces (a bump in the wire), without the agent and the
 * controller, which are not on the data path.
 *
 * <p>Open vSwitch's userspace datapath opens its ports by name in the namespace of {@code ovs-vswitchd}, the
 * root one: for that peer the node's two veth ends move to the root namespace (IPv6 off on them, so the
 * kernel sends nothing of its own to the sink) and come back afterwards. The veths, the generator, the sink
 * and the frames stay the same for all three.
 */
final class DatapathBench {
  private static final String OVS_PEER = "Open vSwitch (netdev)";

  private final int seconds;
  private final int rounds;
  private final SteeredPathRtt rtt;
  private final String prefix = String.format("nsb%03x", new SecureRandom().nextInt(0x1000));
  private final String gen = prefix + "g";
  private final String dut = prefix + "d";
  private final String sink = prefix + "s";
  private final String ovsBridge = prefix + "o";

  DatapathBench(int seconds, int rounds, SteeredPathRtt rtt) {
    this.seconds = seconds;
    this.rounds = rounds;
    this.rtt = rtt;
  }

  /** One workload: a frame, the module that handles it. */
  private record Workload(String name, byte[] frame, String module) {}

  /** What passes frames from the node's first interface to its second. */
  private enum Forwarder { BRIDGE, OVS, CONTAINER }

  /** One forwarder's measurements over the rounds: frames per second forwarded, and offered. */
  private record Rates(List<Double> forwarded, List<Double> offered) {
    Rates() {
      this(new ArrayList<>(), new ArrayList<>());
    }

    double median() {
      return Stats.median(forwarded);
    }

    @Override
    public String toString() {
      return kpps(forwarded) + " kpps of " + kpps(offered) + " offered";
    }
  }

  Report run(Path work) throws Exception {
    Machine machine = Machine.now();
    Report report = new Report("datapath", "NetServ-OF node", "Linux bridge", machine);
    forwardingRates(work, report);
    rtt.measure(work, report);
    report.finish(machine.finish());
    return report;
  }

  private void forwardingRates(Path work, Report report) throws Exception {
    byte[] small = Frames.udp("02:00:00:00:00:01", "02:00:00:00:00:02", "10.0.0.1", "10.0.0.2", 40000, 9, 64,
        new byte[18]);
    List<Workload> workloads = List.of(new Workload("NetMonitor, 64 B", small, "NetMonitor"),
        new Workload("KeepAlive Responder, 340 B SIP", keepAlive340(), "KeepAliveResponder"));
    Ovs.ensureRunning();
    try {
      setUp();
      for (Workload w : workloads) {
        measureWorkload(work, w, report);
      }
      report.note("frame size is the Ethernet frame without FCS; generator: trafgen on one core, sending as fast "
          + "as it can; the bridge forwards in the generator's own softirq context, so its figure is bounded by "
          + "the generator's core, while the container and ovs-vswitchd read their sockets on another core");
      report.note("KeepAlive: the bridge and Open vSwitch forward each keep-alive to the sink, the node answers "
          + "each one (its answers are what reaches the sink): one frame out per frame handled either way");
    } finally {
      tearDown();
    }
  }

  private void measureWorkload(Path work, Workload w, Report report) throws Exception {
    Path conf = work.resolve(w.module() + ".trafgen");
    Files.writeString(conf, trafgenConfig(w.frame()));
    Map<Forwarder, Rates> rates = new EnumMap<>(Forwarder.class);
    for (Forwarder f : Forwarder.values()) {
      rates.put(f, new Rates());
    }
    long memoryKb = 0;
    for (int r = 0; r < rounds; r++) {
      bridge(true);
      measure(conf, seconds, rates.get(Forwarder.BRIDGE));
      bridge(false);
      ovs(true);
      measure(conf, 1, new Rates()); // warm-up: the datapath's flow cache fills on the first frames
      measure(conf, seconds, rates.get(Forwarder.OVS));
      ovs(false);
      try (Container c = new Container(work.resolve("container-" + w.module() + "-" + r), w.module())) {
        measure(conf, 2, new Rates()); // warm-up: the JIT compiles the packet path
        measure(conf, seconds, rates.get(Forwarder.CONTAINER));
        memoryKb = Math.max(memoryKb, c.stats().memoryKb());
      }
    }
    double ours = rates.get(Forwarder.CONTAINER).median() / 1000;
    String measure = w.name() + ": frames forwarded/s, median of " + rounds;
    report.add(measure, "kpps", ours, rates.get(Forwarder.BRIDGE).median() / 1000, true);
    report.add(measure, "kpps", ours, OVS_PEER, rates.get(Forwarder.OVS).median() / 1000, true);
    report.note(w.name() + ": node " + rates.get(Forwarder.CONTAINER) + "; bridge " + rates.get(Forwarder.BRIDGE)
        + "; Open vSwitch " + rates.get(Forwarder.OVS));
    report.addAlone(w.name() + ": container RSS under load", "MB", memoryKb / 1024.0);
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

  /** Runs the generator for a while; adds the frames per second that reached the sink, and those sent. */
  private void measure(Path conf, int forSeconds, Rates into) {
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
    into.offered().add((txPackets() - sentBefore) / elapsed);
    into.forwarded().add((rxPackets() - before) / elapsed);
  }

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

  /**
   * Plain Open vSwitch between the node's interfaces: they move to the root namespace, where ovs-vswitchd
   * opens them, under a netdev bridge with one flow; off, the bridge goes and they move back.
   */
  private void ovs(boolean on) {
    List<String> ends = List.of(dut + "0", dut + "1");
    if (on) {
      for (String intf : ends) {
        Processes.run("ip", "netns", "exec", dut, "ip", "link", "set", intf, "netns", "1");
        Processes.runAllowingFailure(Duration.ofSeconds(10), "sysctl", "-qw", "net.ipv6.conf." + intf
            + ".disable_ipv6=1"); // fails only where the root namespace has no IPv6 at all
        Processes.run("ip", "link", "set", intf, "up");
      }
      Processes.run("ovs-vsctl", "--timeout=10", "add-br", ovsBridge, "--", "set", "bridge", ovsBridge,
          "datapath_type=netdev", "fail_mode=secure",
          "--", "add-port", ovsBridge, ends.get(0), "--", "set", "interface", ends.get(0), "ofport_request=1",
          "--", "add-port", ovsBridge, ends.get(1), "--", "set", "interface", ends.get(1), "ofport_request=2");
      Processes.run("ovs-ofctl", "del-flows", ovsBridge);
      Processes.run("ovs-ofctl", "add-flow", ovsBridge, "in_port=1,actions=output:2");
    } else {
      Processes.run("ovs-vsctl", "--timeout=10", "--if-exists", "del-br", ovsBridge);
      for (String intf : ends) {
        Processes.run("ip", "link", "set", intf, "netns", dut);
        Processes.run("ip", "netns", "exec", dut, "ip", "link", "set", intf, "up");
      }
    }
  }

  /** Removes what this run made, wherever a failure left it (the veth ends may be in the root namespace). */
  private void tearDown() {
    Duration limit = Duration.ofSeconds(10);
    Processes.runAllowingFailure(limit, "ovs-vsctl", "--timeout=10", "--if-exists", "del-br", ovsBridge);
    for (String intf : List.of(dut + "0", dut + "1")) {
      if (Files.exists(Path.of("/sys/class/net", intf))) {
        Processes.runAllowingFailure(limit, "ip", "link", "del", intf);
      }
    }
    for (String ns : List.of(gen, dut, sink)) {
      Processes.runAllowingFailure(limit, "ip", "netns", "del", ns);
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
