package org.netservof.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.netservof.controller.testing.Eventually;
import org.netservof.mininet.MininetNetwork;
import org.netservof.mininet.NetServProcess;

/**
 * What the restart benchmark runs on: the controller as a child process on fixed ports with its store in the
 * scratch directory (steering with SELECT groups, the REST API, one configured node n1 on s1 whose stand-in
 * reflects what it gets), and the steering topology on Mininet, h1 on s1 and h2 on the last switch.
 */
final class RestartRig implements AutoCloseable {
  static final String TOKEN = "bench-token-0123456789abcdef";
  private static final Duration WAIT = Duration.ofSeconds(120);
  private static final ObjectMapper JSON = new ObjectMapper();
  final NetServProcess controller;
  final MininetNetwork net;
  private final int switches;
  private final String base;
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private RestartRig(NetServProcess controller, MininetNetwork net, int switches, String base) {
    this.controller = controller;
    this.net = net;
    this.switches = switches;
    this.base = base;
  }

  static RestartRig start(Path work, int switches) throws Exception {
    int of = NetServProcess.freePort("127.0.0.1");
    int rest = NetServProcess.freePort("127.0.0.1");
    Path config = work.resolve("controller.yaml");
    Files.writeString(config, "of-listen: 127.0.0.1:" + of + "\nrest-listen: 127.0.0.1:" + rest + "\n"
        + benchYaml(work) + NetServProcess.storeYaml(work.resolve("store")));
    NetServProcess controller = new NetServProcess(config, work);
    controller.start();
    try {
      MininetNetwork net = new MininetNetwork("127.0.0.1:" + of, "OpenFlow13", "--topo", "steering", "--switches",
          String.valueOf(switches), "--nodes", "1");
      RestartRig rig = new RestartRig(controller, net, switches, "http://127.0.0.1:" + rest);
      net.command(WAIT, "nodes_start", Map.of());
      rig.waitFabric();
      return rig;
    } catch (Exception | Error e) {
      controller.close();
      throw e;
    }
  }

  /**
   * The configuration every benchmark controller shares: forwarding, steering with SELECT groups, the REST API with
   * the bench's admin token (written into {@code work}), and node n1 on s1's port 11 (a stand-in reflects there).
   */
  static String benchYaml(Path work) throws java.io.IOException {
    Path token = Files.createDirectories(work).resolve("bench.token");
    Files.writeString(token, TOKEN + "\n");
    return "modules: [forwarding, steering, deployments, rest]\n"
        + "rest-tokens:\n  - name: bench\n    scope: admin\n    token-file: " + token + "\n"
        + "steering:\n  proactive-placement: group\n  nodes:\n    - {id: n1, pool: pool, dpid: "
        + "\"00:00:00:00:00:00:00:01\", port: 11, mac: \"0a:00:00:00:09:01\", weight: 1}\n";
  }

  /** Every switch connected and h1 reaching h2. */
  void waitFabric() {
    Eventually.waitFor(switches + " switches connected", WAIT,
        () -> get("/wm/core/controller/switches/json").size() == switches);
    Eventually.waitFor("h1 reaching h2", WAIT, () -> net.reaches("h1", "h2"));
  }

  /** Creates {@code count} proactive services over REST, UDP to h2's ports from {@code firstPort} on. */
  int createServices(int count, int firstPort) throws Exception {
    return new ServiceLoad(TOKEN).create(count, firstPort, List.of(base));
  }

  /** The controller's REST base URL. */
  String base() {
    return base;
  }

  /** How many services the controller lists; -1 while it does not answer. */
  int listed() {
    JsonNode services = get("/netserv/v1/services");
    return services.isArray() ? services.size() : -1;
  }

  private JsonNode get(String path) {
    try {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(WAIT).build(),
          HttpResponse.BodyHandlers.ofString());
      return r.statusCode() == 200 ? JSON.readTree(r.body()) : JSON.createObjectNode();
    } catch (Exception e) {
      return JSON.createObjectNode();
    }
  }

  /** The bridges' names, s1 to the last switch. */
  List<String> bridges() {
    String prefix = net.description().get("prefix").asText();
    List<String> out = new ArrayList<>();
    for (int i = 1; i <= switches; i++) {
      out.add(prefix + "s" + i);
    }
    return out;
  }

  @Override
  public void close() throws Exception {
    try (NetServProcess stopsLast = controller) {
      net.close();
    }
  }
}
