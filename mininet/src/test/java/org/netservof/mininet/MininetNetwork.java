package org.netservof.mininet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.netservof.controller.api.fabric.Topology;
import org.netservof.controller.api.fabric.TopologyService;
import org.netservof.controller.launcher.Controller;
import org.netservof.controller.testing.Eventually;
import org.netservof.controller.testing.Ovs;
import org.netservof.policy.fabric.Link;
import org.netservof.policy.fabric.SwitchPort;

/**
 * A Mininet network served by {@code scenario.py serve}: started through a controller, then driven one
 * command at a time, so the test can check the controller's state between steps. Closing it stops the
 * network (by the script's own cleanup of what it created) and the script.
 */
public final class MininetNetwork implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration HOST_PORTS_WAIT = Duration.ofSeconds(60);
  private final Process process;
  private final Writer stdin;
  private final BlockingQueue<String> lines = new ArrayBlockingQueue<>(10_000);
  private final JsonNode ready;

  /**
   * @param args scenario.py serve options, for example {@code --topo ring --switches 4}
   */
  public MininetNetwork(String controller, String protocols, String... args) throws Exception {
    Ovs.ensureRunning();
    List<String> command = new ArrayList<>(List.of("/usr/bin/python3",
        MininetScenario.root().resolve("mininet/python/netservof/scenario.py").toString(), "serve",
        "--controller", controller, "--protocols", protocols));
    command.addAll(List.of(args));
    process = new ProcessBuilder(command).redirectErrorStream(true).start();
    stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    Thread reader = new Thread(() -> {
      try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
          StandardCharsets.UTF_8))) {
        String line;
        while ((line = out.readLine()) != null) {
          System.out.println("[mininet] " + line);
          if (line.startsWith("READY ") || line.startsWith("RESULT ") || line.startsWith("ERROR ")) {
            lines.put(line);
          }
        }
      } catch (IOException | InterruptedException e) {
        // the process ended
      }
    }, "mininet-output");
    reader.setDaemon(true);
    reader.start();
    String first = next(Duration.ofMinutes(2));
    if (!first.startsWith("READY ")) {
      close();
      throw new AssertionError("mininet did not start: " + first);
    }
    ready = JSON.readTree(first.substring("READY ".length()));
  }

  /**
   * scenario.py's steering topology under one controller: h1 on the first switch, h2 on the last, a node host
   * on each switch listed in {@code nodeSwitches} (e.g. {@code "1,1"}), connected to {@code management} if
   * there is one. Returns once h1's and h2's ports are edge ports (until then the controller drops their
   * traffic).
   */
  public static MininetNetwork steering(Controller controller, String protocols, int switches, String nodeSwitches,
      Optional<ManagementNetwork> management) throws Exception {
    List<String> args = new ArrayList<>(List.of("--topo", "steering", "--switches", String.valueOf(switches),
        "--nodes", nodeSwitches));
    management.ifPresent(m -> args.addAll(List.of("--management", m.scenarioArgument())));
    MininetNetwork net = new MininetNetwork("127.0.0.1:" + controller.openFlowAddress().getPort(), protocols,
        args.toArray(String[]::new));
    try {
      Eventually.waitFor("h1 and h2 edge ports", HOST_PORTS_WAIT, () -> controller.service(TopologyService.class)
          .current().edgePorts().containsAll(List.of(net.attachment("h1"), net.attachment("h2"))));
    } catch (RuntimeException | Error e) {
      net.close();
      throw e;
    }
    return net;
  }

  /** What the network is: {@code switches} (name to DPID), {@code hosts}, {@code links}. */
  public JsonNode description() {
    return ready;
  }

  /** Runs a command and returns its RESULT; fails on ERROR. */
  public JsonNode command(Duration limit, String cmd, Map<String, Object> params) throws Exception {
    ObjectNode c = JSON.createObjectNode().put("cmd", cmd);
    params.forEach((k, v) -> c.set(k, JSON.valueToTree(v)));
    stdin.write(JSON.writeValueAsString(c) + "\n");
    stdin.flush();
    String answer = next(limit);
    if (!answer.startsWith("RESULT ")) {
      throw new AssertionError("mininet command " + c + " failed: " + answer);
    }
    return JSON.readTree(answer.substring("RESULT ".length()));
  }

  /** The switch DPID of a logical switch name. */
  public long dpid(String switchName) {
    return ready.get("switches").get(switchName).asLong();
  }

  /** The host's edge port. */
  public SwitchPort attachment(String host) {
    JsonNode h = ready.get("hosts").get(host);
    return SwitchPort.of(h.get("dpid").asLong(), h.get("port").asInt());
  }

  /**
   * Waits until the port of every user host (hN) on a switch of {@code controller} is one of its edge ports: out
   * of the quarantine of new ports, so the controller forwards its traffic. The ports of one switch come up
   * together, so they leave the quarantine together; hosts on other controllers' switches (other domains) are
   * theirs to wait for.
   */
  public void awaitHostPorts(Controller controller, Duration limit) {
    List<SwitchPort> hosts = new ArrayList<>();
    ready.get("hosts").fieldNames().forEachRemaining(h -> {
      if (h.matches("h\\d+")) {
        hosts.add(attachment(h));
      }
    });
    Eventually.waitFor("the host ports " + hosts + " edge ports of the controller of their switch", limit, () -> {
      Topology t = controller.service(TopologyService.class).current();
      List<SwitchPort> mine = hosts.stream().filter(p -> t.switches().contains(p.dpid())).toList();
      return !mine.isEmpty() && t.edgePorts().containsAll(mine);
    });
  }

  /** Every cable between switches, in both directions: what discovery must find, exactly. */
  public Set<Link> expectedLinks() {
    Set<Link> links = new HashSet<>();
    for (JsonNode l : ready.get("links")) {
      Link link = new Link(SwitchPort.of(l.get(0).asLong(), l.get(1).asInt()),
          SwitchPort.of(l.get(2).asLong(), l.get(3).asInt()));
      links.add(link);
      links.add(link.reverse());
    }
    return links;
  }

  private String next(Duration limit) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (System.nanoTime() < deadline) {
      String line = lines.poll(500, TimeUnit.MILLISECONDS);
      if (line != null) {
        return line;
      }
      if (!process.isAlive() && lines.isEmpty()) {
        throw new AssertionError("mininet exited " + process.exitValue() + " without answering (see its output)");
      }
    }
    throw new AssertionError("no answer from mininet within " + limit);
  }

  /** Whether one ping from host {@code src} to host {@code dst} is answered now. */
  public boolean reaches(String src, String dst) {
    try {
      return command(Duration.ofSeconds(45), "ping", Map.of("src", src, "dst", dst, "count", 1)).get("received")
          .asInt() > 0;
    } catch (Exception e) {
      throw new IllegalStateException("ping " + src + " -> " + dst + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() throws Exception {
    try {
      stdin.write("{\"cmd\": \"quit\"}\n");
      stdin.flush();
      stdin.close();
    } catch (IOException e) {
      // already gone
    }
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroy();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }
}
