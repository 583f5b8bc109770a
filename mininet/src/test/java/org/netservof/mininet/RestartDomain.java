package org.netservof.mininet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.netservof.controller.testing.Eventually;

/**
 * One NetServ domain whose controller can be killed and started again: a child process ({@link NetServProcess})
 * on ports chosen once for the test, so that it comes back where the switches, the node agents and the clients
 * look for it, with its store in the test's directory; the REST API (operator token {@link #TOKEN}), signaling
 * (domain d1, pool "pool", user alice with her fresh key) and real service nodes on a management network.
 */
final class RestartDomain implements AutoCloseable {
  static final String TOKEN = ServiceNodes.OPERATOR_TOKEN;
  private static final Duration WAIT = ServiceNodes.WAIT;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path dir;
  private Path store;
  final ServiceNodes serviceNodes;
  final NetServProcess controller;
  private final RestClient rest;
  private final InetSocketAddress nodeChannel;
  private final int ofPort;
  private final Path config;
  private final String listenYaml;
  private final String netServYaml;
  private String extraYaml = "";
  private int switches;
  private final List<String> nodes = new ArrayList<>();

  RestartDomain(Path dir) throws Exception {
    this.dir = dir;
    store = dir.resolve("store");
    serviceNodes = new ServiceNodes(dir);
    String management = serviceNodes.management().controllerIp();
    ofPort = NetServProcess.freePort("127.0.0.1");
    int restPort = NetServProcess.freePort("127.0.0.1");
    nodeChannel = new InetSocketAddress(management, NetServProcess.freePort(management));
    listenYaml = "of-listen: 127.0.0.1:" + ofPort + "\nrest-listen: 127.0.0.1:" + restPort + "\nnode-listen: "
        + management + ":" + nodeChannel.getPort() + "\n";
    // A replay test re-sends a SETUP after a restart: a wide window, so it can only be refused as a replay.
    netServYaml = serviceNodes.netServYaml(FabricTraffic.USER_HOST)
        .replace("signaling:\n  domain: d1\n", "signaling:\n  domain: d1\n  timestamp-window: 300s\n");
    config = dir.resolve("controller.yaml");
    rest = new RestClient("http://127.0.0.1:" + restPort);
    controller = new NetServProcess(config, dir);
  }

  /**
   * A second controller on the same configuration and store, on ports of its own, logging under {@code name};
   * not started.
   */
  NetServProcess another(String name) throws IOException {
    Path other = Files.createDirectories(dir.resolve(name));
    String listen = "of-listen: 127.0.0.1:" + NetServProcess.freePort("127.0.0.1") + "\nrest-listen: 127.0.0.1:"
        + NetServProcess.freePort("127.0.0.1") + "\nnode-listen: " + nodeChannel.getAddress().getHostAddress()
        + ":" + NetServProcess.freePort(nodeChannel.getAddress().getHostAddress()) + "\n";
    Files.writeString(other.resolve("controller.yaml"), serviceNodes.controllerYaml(listen, netServYaml
        + NetServProcess.storeYaml(store) + extraYaml));
    return new NetServProcess(other.resolve("controller.yaml"), other);
  }

  /** Writes the configuration, with the store and {@code extra}, and starts the controller. */
  void start(String extra) throws Exception {
    extraYaml = extra;
    writeConfig();
    controller.start();
  }

  /** Writes the configuration, with the store and {@code extra}, and starts the controller expecting a refusal. */
  NetServProcess.Exit startRefused(String extra) throws Exception {
    extraYaml = extra;
    writeConfig();
    return controller.startRefused();
  }

  private void writeConfig() throws IOException {
    Files.writeString(config, serviceNodes.controllerYaml(listenYaml, netServYaml + NetServProcess.storeYaml(store)
        + extraYaml));
  }

  /**
   * The steering topology under this controller, once h1 reaches h2, with a real node agent on each node host,
   * declared to the controller (read again on SIGHUP), registered and healthy.
   */
  MininetNetwork network(int switchCount, String nodeSwitches) throws Exception {
    switches = switchCount;
    MininetNetwork net = new MininetNetwork("127.0.0.1:" + ofPort, "OpenFlow13", "--topo", "steering",
        "--switches", String.valueOf(switchCount), "--nodes", nodeSwitches, "--management",
        serviceNodes.management().scenarioArgument());
    try {
      waitFabric(net);
      serviceNodes.declareNodes(net);
      writeConfig();
      controller.signal("HUP");
      Eventually.waitFor("the node channel open on " + nodeChannel, WAIT, this::nodeChannelOpen);
      nodes.clear();
      nodes.addAll(serviceNodes.agentsStart(net, nodeChannel, Map.of()));
      waitHealthy(net);
    } catch (Exception | Error e) {
      net.close();
      throw e;
    }
    return net;
  }

  /** Stops the controller with a signal ({@code KILL}, {@code TERM}) and starts it again on the same configuration. */
  void restart(MininetNetwork net, String signal) throws Exception {
    stop(signal);
    startAgain(net);
  }

  /** SIGTERM must stop it cleanly (exit 0, no ERROR line or stack trace: {@link NetServProcess#stopCleanly}). */
  void stop(String signal) throws Exception {
    if (signal.equals("TERM")) {
      controller.stopCleanly();
    } else {
      controller.stop(signal);
    }
  }

  /** Starts the stopped controller again and waits for its fabric and nodes. */
  void startAgain(MininetNetwork net) throws Exception {
    controller.start();
    waitFabric(net);
    waitHealthy(net);
  }

  /** Every switch connected and h1 reaching h2: their ports are edge ports and the fabric forwards. */
  private void waitFabric(MininetNetwork net) {
    Eventually.waitFor(switches + " switches connected", WAIT, () -> get("/wm/core/controller/switches/json")
        .size() == switches);
    Eventually.waitFor("h1 reaching h2", WAIT, () -> net.reaches("h1", "h2"));
  }

  private void waitHealthy(MininetNetwork net) throws Exception {
    try {
      Eventually.waitFor("nodes " + nodes + " connected and healthy", WAIT, () -> nodes.stream().allMatch(id -> {
        JsonNode n = get("/netserv/v1/nodes/" + id);
        return n.path("state").asText().equals("healthy") && n.path("agent").path("connected").asBoolean();
      }));
    } catch (AssertionError e) {
      for (String id : nodes) {
        System.out.println("---- agent log of " + id + ":\n" + net.command(WAIT, "agent_log", Map.of("node", id)));
      }
      throw new AssertionError(e.getMessage() + "\n" + controller.logs(), e);
    }
  }

  private boolean nodeChannelOpen() {
    try (Socket s = new Socket()) {
      s.connect(nodeChannel, 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** A REST read, as JSON; an empty object when the controller does not answer (it may be starting). */
  JsonNode get(String path) {
    try {
      HttpResponse<String> r = rest.get(path);
      return r.statusCode() == 200 ? JSON.readTree(r.body()) : JSON.createObjectNode();
    } catch (Exception e) {
      return JSON.createObjectNode();
    }
  }

  /** Every service the controller lists. */
  JsonNode services() {
    return get("/netserv/v1/services");
  }

  /** A write with the operator's token. */
  HttpResponse<String> send(String method, String path, String body) throws Exception {
    return rest.send(method, path, body, TOKEN);
  }

  /** What alice's containers on a node run, as its agent last reported: module names. */
  List<String> modulesOn(String node) {
    List<String> out = new ArrayList<>();
    get("/netserv/v1/nodes/" + node).path("agent").path("containers").forEach(c -> c.path("modules")
        .forEach(m -> out.add(c.path("user").asText() + ":" + m.path("name").asText())));
    return out;
  }

  Path aliceKey() {
    return dir.resolve("alice.key");
  }

  Path store() {
    return store;
  }

  /** Puts the store elsewhere from the next start on. */
  void store(Path at) {
    store = at;
  }

  @Override
  public void close() throws Exception {
    try {
      controller.close();
    } finally {
      serviceNodes.close();
    }
  }
}
