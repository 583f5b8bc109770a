package org.netservof.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.netservof.bridge.api.ModuleInstall;
import org.netservof.controller.launcher.Controller;
import org.netservof.controller.testing.Eventually;
import org.netservof.mininet.MininetNetwork;
import org.netservof.mininet.ServiceNodes;
import org.netservof.protocol.signaling.SignalKeys;

/**
 * Signaling on a Mininet network with real Open vSwitch and a real service node: how many signed SETUPs the
 * controller processes per second (each a full round trip: caught at the edge, verified, applied, passed on
 * to the destination, answered after its ICMP port-unreachable), against the bare Ed25519 verifications per
 * second one core of the same JVM does; and the time from a SETUP leaving the provider to the first SIP
 * keep-alive answered by the module it installs (the container JVM starts inside that time).
 */
record SignalingBench(int count, int window, int rounds) {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final String SERVER = "10.0.0.1";
  private static final String UA = "10.0.0.2";

  Report run(Path work) throws Exception {
    Machine machine = Machine.now();
    Report report = new Report("signaling", "NetServ-OF", "Ed25519 alone", machine);
    Path key = work.resolve("itsp.key");
    KeyPair pair = SignalKeys.generate(key);
    try (ServiceNodes nodes = new ServiceNodes(work);
        Controller controller = nodes.startController(controllerYaml(key));
        MininetNetwork net = nodes.steeringNetwork(controller, 1, "1")) {
      nodes.startAgents(net, controller);
      // The user agent host answers every SETUP with ICMP port-unreachable; Linux would rate-limit those.
      net.command(WAIT, "sysctl", Map.of("host", "h2", "setting", "net.ipv4.icmp_ratelimit=0"));
      Signaler signaler = new Signaler(net, nodes.install("itsp", "KeepAliveResponder", Map.of()), key);
      reportFirstAnswers(report, firstAnswers(signaler, controller));
      reportThroughput(report, machine, signaler, pair);
    }
    report.finish(machine.finish());
    return report;
  }

  private static String controllerYaml(Path key) {
    return "signaling:\n  domain: bench\n  pool: pool\n"
        + "users:\n  - name: itsp\n    public-key-file: " + SignalKeys.publicFile(key) + "\n"
        + "    filter-prefixes: [" + SERVER + "/32]\n    protocols: [\"udp:5060\"]\n    max-services: 4\n"
        + "    max-rate-kbps: 0\n";
  }

  /** The signal load's runs on h1 for one module and one key. */
  private record Signaler(MininetNetwork net, ModuleInstall module, Path key) {}

  /** Per round: a SETUP, then the ms to the first keep-alive its module answers; REMOVE between rounds. */
  private List<Double> firstAnswers(Signaler signaler, Controller controller) throws Exception {
    List<Double> firstAnswer = new ArrayList<>();
    for (int round = 0; round < rounds; round++) {
      signaler.net().command(WAIT, "sip_first_start", Map.of("src", "h2", "dst", "h1"));
      Thread.sleep(300);
      JsonNode sent = load(signaler, "once");
      JsonNode first = signaler.net().command(WAIT, "sip_first_result", Map.of());
      if (sent.get("code").asInt() != 200 || first.get("first_answer").isNull()) {
        throw new IllegalStateException("round " + round + ": SETUP " + sent + ", keep-alives " + first);
      }
      firstAnswer.add((first.get("first_answer").asDouble() - sent.get("sent_at").asDouble()) * 1000);
      if (round < rounds - 1) {
        load(signaler, "remove");
        Eventually.waitFor("the container gone", WAIT,
            () -> ServiceNodes.agent(controller, "n1").containers().isEmpty());
      }
    }
    return firstAnswer;
  }

  private void reportFirstAnswers(Report report, List<Double> firstAnswer) {
    report.addAlone("SETUP sent to the first keep-alive answered by the module it installs, median of " + rounds
        + " (fetch, digest check, container JVM start, steering)", "ms", Stats.median(firstAnswer));
    report.note("SETUP to first answer (ms): " + firstAnswer.stream().map(v -> String.format("%.0f", v)).toList());
  }

  /** The refresh load: SETUPs per second and the controller's CPU per SETUP, against bare verification. */
  private void reportThroughput(Report report, Machine machine, Signaler signaler, KeyPair pair) throws Exception {
    com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
        java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    long cpuBefore = os.getProcessCpuTime();
    JsonNode load = load(signaler, "load");
    // The controller runs in this JVM: its CPU time per request, whatever the fabric around it costs.
    double cpuMillis = (os.getProcessCpuTime() - cpuBefore) / 1e6 / load.get("answered").asDouble();
    double perSecond = load.get("answered").asDouble() / load.get("seconds").asDouble();
    double verify = verificationsPerSecond(pair.getPublic(), pair);
    report.add("signed SETUPs processed per second (refreshes, " + window + " outstanding, full round trip)",
        "per s", perSecond, verify, true);
    report.addAlone("controller CPU per signed SETUP (parse, verify, nonce, refresh, relay, answer)", "ms",
        cpuMillis);
    report.note("load: " + load + "; at that CPU cost the controller alone would take about "
        + Math.round(machine.cores() * 1000 / cpuMillis) + " SETUPs/s on " + machine.cores() + " cores");
  }

  private JsonNode load(Signaler signaler, String mode) throws Exception {
    MininetNetwork net = signaler.net();
    ModuleInstall module = signaler.module();
    String classpath = System.getProperty("java.class.path"); // this JVM's own: bench classes and their JARs
    List<Object> args = new ArrayList<>(List.of(mode, UA, "itsp", signaler.key().toString(), module.module(),
        module.url().toString(), module.sha256(), SERVER + "/32", count, window));
    JsonNode out = net.command(Duration.ofMinutes(3), "java", Map.of("host", "h1", "java",
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "main", SignalLoad.class.getName(),
        "classpath", classpath, "args", args, "timeout", 170));
    String stdout = out.get("stdout").asText().strip();
    if (out.get("exit").asInt() != 0 || stdout.isEmpty()) {
      throw new IllegalStateException("signal load " + mode + " failed: " + out);
    }
    String[] lines = stdout.split("\n");
    return new com.fasterxml.jackson.databind.ObjectMapper().readTree(lines[lines.length - 1]);
  }

  /** Ed25519 verifications per second on one thread, warmed up: the cost no signed request escapes. */
  private static double verificationsPerSecond(PublicKey key, KeyPair pair) {
    byte[] message = "SETUP KeepAliveResponder_1.0 NETSERV/0.1\nttl:600\nuser:itsp\n\n"
        .getBytes(StandardCharsets.US_ASCII);
    String signature = SignalKeys.sign(pair.getPrivate(), message);
    for (int i = 0; i < 2000; i++) {
      SignalKeys.verify(key, message, signature);
    }
    long began = System.nanoTime();
    int done = 0;
    while (System.nanoTime() - began < 2_000_000_000L) {
      if (!SignalKeys.verify(key, message, signature)) {
        throw new IllegalStateException("a good signature failed");
      }
      done++;
    }
    return done / ((System.nanoTime() - began) / 1e9);
  }
}
