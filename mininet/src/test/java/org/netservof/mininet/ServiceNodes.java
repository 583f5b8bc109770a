package org.netservof.mininet;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.netservof.bridge.api.AgentView;
import org.netservof.bridge.api.ContainerView;
import org.netservof.bridge.api.ModuleInstall;
import org.netservof.bridge.api.NodeAgentService;
import org.netservof.bridge.api.NodePoolService;
import org.netservof.bridge.api.NodeView;
import org.netservof.controller.config.ConfigException;
import org.netservof.controller.launcher.Controller;
import org.netservof.controller.module.ModuleException;
import org.netservof.controller.testing.Eventually;
import org.netservof.protocol.signaling.SignalKeys;

/**
 * Real service nodes for the Mininet tests: a token of its own for each node, the controller configuration
 * that declares the nodes of a network ({@code node-agents}) and opens the node channel on the management
 * network, an HTTP server there that serves module JARs (the project's
 * example modules and any a test builds), starting node agents in the node hosts, and reading what their
 * modules report.
 */
public final class ServiceNodes implements AutoCloseable {
  static final Duration WAIT = Duration.ofSeconds(45);
  /** The bearer token of operator "ops" in a controller {@link #startNetServController} started. */
  static final String OPERATOR_TOKEN = "ops-token-0123456789abcdef";

  private final ManagementNetwork management;
  private final boolean ownsManagement;
  private final Path dir;
  private final Path tokenDir;
  /** The extra configuration each controller started here was given, to write it again with the nodes declared. */
  private final Map<Controller, String> extraYaml = new java.util.IdentityHashMap<>();
  /** The {@code node-agents} section for the nodes declared so far. */
  private final NodeAgentsYaml nodeAgents;
  private final HttpServer modules;
  private final Map<String, Path> jars = new LinkedHashMap<>();
  private final ExecutorService serving = Executors.newCachedThreadPool();
  private final AtomicInteger unlistedHits = new AtomicInteger();

  /** Service nodes on a management network of their own, removed on close. */
  public ServiceNodes(Path dir) throws IOException {
    this(new ManagementNetwork(), dir, true);
  }

  /** Service nodes on a management network the caller owns (and closes). */
  public ServiceNodes(ManagementNetwork management, Path dir) throws IOException {
    this(management, dir, false);
  }

  private ServiceNodes(ManagementNetwork management, Path dir, boolean ownsManagement) throws IOException {
    this.management = management;
    this.ownsManagement = ownsManagement;
    this.dir = dir;
    tokenDir = Files.createDirectories(dir.resolve("node-tokens"));
    nodeAgents = new NodeAgentsYaml(tokenDir);
    Path built = MininetScenario.root().resolve("mininet/target/modules");
    for (String name : new String[] {"NetMonitor", "KeepAliveResponder", "RateLimiter"}) {
      jars.put(name, built.resolve(name + ".jar"));
    }
    modules = HttpServer.create(new InetSocketAddress(management.controllerIp(), 0), 0);
    modules.setExecutor(serving); // a dribbled answer must not hold up the others
    modules.createContext("/modules/", exchange -> serveJar(exchange, "/modules/"));
    modules.createContext("/unlisted/", exchange -> {
      unlistedHits.incrementAndGet();
      serveJar(exchange, "/unlisted/");
    });
    modules.start();
  }

  /**
   * Answers {@code PREFIX/NAME.jar} with a served JAR; {@code PREFIX/slow/NAME.jar} promises it and then
   * dribbles a byte a second, for as long as the client listens (up to ten minutes).
   */
  private void serveJar(HttpExchange exchange, String prefix) throws IOException {
    String path = exchange.getRequestURI().getPath().substring(prefix.length());
    boolean slow = path.startsWith("slow/");
    Path jar = jars.get(path.substring(slow ? 5 : 0).replace(".jar", ""));
    try (exchange) {
      if (jar == null) {
        exchange.sendResponseHeaders(404, -1);
        return;
      }
      byte[] bytes = Files.readAllBytes(jar);
      exchange.sendResponseHeaders(200, bytes.length);
      OutputStream out = exchange.getResponseBody();
      if (!slow) {
        out.write(bytes);
        return;
      }
      for (int i = 0; i < Math.min(bytes.length, 600); i++) {
        out.write(bytes[i]);
        out.flush();
        Thread.sleep(1000);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** How often the served JARs were asked for under {@code /unlisted/}, which no repository lists. */
  public int unlistedHits() {
    return unlistedHits.get();
  }

  /** The URL of a served JAR under {@code /unlisted/}: on the same server, but under no module repository. */
  public URI unlistedUrl(String name) {
    return URI.create("http://" + management.controllerIp() + ":" + modules.getAddress().getPort() + "/unlisted/"
        + name + ".jar");
  }

  /**
   * Starts a controller listening for switches on loopback and for these nodes on the management network,
   * with short heartbeats so that tests notice a dead node quickly.
   */
  public Controller startController(String extraYaml) throws IOException, ConfigException, ModuleException {
    writeControllerConfig(extraYaml);
    Controller controller = Controller.start(Optional.of(dir.resolve("controller.yaml")), Map.of());
    this.extraYaml.put(controller, extraYaml);
    return controller;
  }

  /**
   * Starts a controller as {@link #startController(String)} does, with {@code overrides}. The same
   * {@code extraYaml} means the same embedded store: started again (on {@link #sameAddresses}) after the first
   * was closed, it is that controller restarted over its durable store.
   */
  public Controller startController(String extraYaml, Map<String, String> overrides)
      throws IOException, ConfigException, ModuleException {
    writeControllerConfig(extraYaml);
    Controller controller = Controller.start(Optional.of(dir.resolve("controller.yaml")), overrides);
    this.extraYaml.put(controller, extraYaml);
    return controller;
  }

  /** The overrides that start a controller where {@code running} listens, for switches and node agents. */
  public static Map<String, String> sameAddresses(Controller running) {
    InetSocketAddress nodes = running.service(NodeAgentService.class).channelAddress().orElseThrow();
    return Map.of("of-listen", "127.0.0.1:" + running.openFlowAddress().getPort(),
        "node-listen", nodes.getAddress().getHostAddress() + ":" + nodes.getPort());
  }

  /**
   * Starts a controller with the NetServ modules and the REST API: operator "ops" ({@link #OPERATOR_TOKEN}),
   * signaling domain d1 placing on pool "pool", and user alice (a fresh key), who may run two services on udp
   * traffic to {@code userHost}.
   */
  public Controller startNetServController(String userHost) throws IOException, ConfigException, ModuleException {
    return startController(netServYaml(userHost));
  }

  /**
   * The NetServ part of a controller's configuration (see {@link #startNetServController}); writes alice's fresh
   * key and the operator's token file into the directory.
   */
  String netServYaml(String userHost) throws IOException {
    Path aliceKey = dir.resolve("alice.key");
    SignalKeys.generate(aliceKey);
    Path operatorToken = dir.resolve("ops.token");
    Files.writeString(operatorToken, OPERATOR_TOKEN + "\n");
    return "modules: [forwarding, steering, nodes, signaling, rest]\n"
        + "rest-tokens:\n  - name: ops\n    scope: admin\n    token-file: " + operatorToken + "\n"
        + "signaling:\n  domain: d1\n  pool: pool\nusers:\n  - name: alice\n    public-key-file: "
        + SignalKeys.publicFile(aliceKey) + "\n    filter-prefixes: [" + userHost + "/32]\n    protocols: [udp]\n"
        + "    max-services: 2\n    max-rate-kbps: 0\n";
  }

  /** Writes the configuration file a controller started here reads (again, on reload). */
  void writeControllerConfig(String extraYaml) throws IOException {
    // Several controllers may run at once: each REST API on a free port.
    Files.writeString(dir.resolve("controller.yaml"), controllerYaml("of-listen: 127.0.0.1:0\nrest-listen: "
        + "127.0.0.1:0\nnode-listen: " + management.controllerIp() + ":0\n"
        + "store-path: " + dir.resolve("store-" + Integer.toHexString(extraYaml.hashCode())) + "\n", // per domain
        extraYaml));
  }

  /**
   * A whole controller configuration: where it listens ({@code listenYaml}), short heartbeats, this fixture's
   * module repository, the node agents declared so far, and {@code extraYaml}.
   */
  String controllerYaml(String listenYaml, String extraYaml) {
    return listenYaml + "node-channel:\n  heartbeat: 500ms\n  dead-after: 2s\n"
        + "module-repositories: [\"" + moduleRepository() + "\"]\n" + nodeAgents.yaml() + extraYaml;
  }

  /**
   * Declares every node host of {@code net} in the controller's {@code node-agents} (its own token, pool "pool",
   * weight 1, the switch port it is plugged into) and has the controller read its configuration again, which
   * opens the node channel. Nodes declared already stay as they are.
   */
  public void declareNodes(MininetNetwork net, Controller controller) throws Exception {
    declareNodes(net);
    writeControllerConfig(extraYaml.getOrDefault(controller, ""));
    controller.reload();
  }

  /** Declares every node host of {@code net} in the {@code node-agents} of the configurations written from now on. */
  void declareNodes(MininetNetwork net) throws IOException {
    nodeAgents.declare(net);
  }

  /** The file holding a node's own token, written (random, mode 600) the first time it is asked for. */
  public Path tokenFile(String node) throws IOException {
    return nodeAgents.tokenFile(node);
  }

  /** The network the node hosts and the controller's node channel meet on. */
  public ManagementNetwork management() {
    return management;
  }

  /**
   * The steering topology under {@code controller} (OpenFlow 1.3), its node hosts on the management network,
   * once h1 and h2 are edge ports: see {@link MininetNetwork#steering}.
   */
  public MininetNetwork steeringNetwork(Controller controller, int switches, String nodeSwitches) throws Exception {
    return MininetNetwork.steering(controller, "OpenFlow13", switches, nodeSwitches, Optional.of(management));
  }

  /** Declares {@code node} with a service address in the {@code node-agents} written from now on. */
  void serviceAddress(String node, String address) {
    nodeAgents.serviceAddress(node, address);
  }

  /** Where the nodes' token files are ({@code NODE.token}), as agent commands take them. */
  public Path tokenDir() {
    return tokenDir;
  }

  /** Serves another module JAR (one a test built) under a name. */
  void serve(String name, Path jar) {
    jars.put(name, jar);
  }

  /** An install request for a served module, with its real digest. */
  public ModuleInstall install(String user, String name, Map<String, String> properties) throws Exception {
    String digest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(
        jars.get(name))));
    URI url = URI.create(moduleRepository() + name + ".jar");
    return new ModuleInstall(user, name + "_1.0", url, digest, properties);
  }

  /**
   * Where this fixture serves module JARs: the {@code module-repositories} of the controllers and agents it
   * starts, since a server on the management network has a private address, which nothing fetches from unless
   * an operator listed it.
   */
  public String moduleRepository() {
    return "http://" + management.controllerIp() + ":" + modules.getAddress().getPort() + "/modules/";
  }

  /**
   * The scenario command that starts an agent, with what every agent needs (this fixture's module server as
   * its one module repository, next to any {@code options} in {@code more}), once the network's nodes are
   * declared to the controller; each agent takes its token from {@code tokenDir}.
   */
  Map<String, Object> agentCommand(MininetNetwork net, Controller controller, Path tokenDir,
      Map<String, Object> more) throws Exception {
    declareNodes(net, controller);
    return agentCommand(controller.service(NodeAgentService.class).channelAddress().orElseThrow(), tokenDir, more);
  }

  /** The command that starts an agent toward the node channel at {@code channel} (nodes declared already). */
  @SuppressWarnings("unchecked")
  Map<String, Object> agentCommand(InetSocketAddress channel, Path tokenDir, Map<String, Object> more) {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("java", Path.of(System.getProperty("java.home"), "bin", "java").toString());
    c.put("lib", MininetScenario.root().resolve("mininet/target/lib").toString());
    c.put("controller", channel.getAddress().getHostAddress() + ":" + channel.getPort());
    c.put("token_dir", tokenDir.toString());
    c.putAll(more);
    Map<String, Object> options = new LinkedHashMap<>((Map<String, Object>) more.getOrDefault("options", Map.of()));
    options.putIfAbsent("module-repositories", moduleRepository());
    c.put("options", options);
    return c;
  }

  /** Starts an agent on every node host toward the node channel at {@code channel}; answers the nodes' ids. */
  java.util.List<String> agentsStart(MininetNetwork net, InetSocketAddress channel, Map<String, Object> more)
      throws Exception {
    JsonNode started = net.command(WAIT, "agents_start", agentCommand(channel, tokenDir, more));
    java.util.List<String> ids = new java.util.ArrayList<>();
    started.fieldNames().forEachRemaining(ids::add);
    return ids;
  }

  /** Starts an agent on every node host and waits until all registered and are healthy. */
  public void startAgents(MininetNetwork net, Controller controller) throws Exception {
    JsonNode started = net.command(WAIT, "agents_start", agentCommand(net, controller, tokenDir, Map.of()));
    java.util.List<String> ids = new java.util.ArrayList<>();
    started.fieldNames().forEachRemaining(ids::add);
    waitHealthy(net, controller, ids.toArray(String[]::new));
  }

  /**
   * Starts the agent of one node host again (after it was killed, say) and waits until it is healthy. It is
   * told its attachment: the controller sends no LLDP probes out of a port that is already a service port.
   */
  public void startAgent(MininetNetwork net, Controller controller, String node) throws Exception {
    net.command(WAIT, "agent_start", agentCommand(net, controller, tokenDir, Map.of("node", node, "attachment",
        net.attachment(node).toString())));
    waitHealthy(net, controller, node);
  }

  static void waitHealthy(MininetNetwork net, Controller controller, String... ids) throws Exception {
    try {
      Eventually.waitFor("nodes " + String.join(",", ids) + " registered and healthy", WAIT, () -> {
        for (String id : ids) {
          Optional<NodeView> s = controller.service(NodePoolService.class).node(id);
          if (s.isEmpty() || !s.get().healthy() || !s.get().connected()) {
            return false;
          }
        }
        return true;
      });
    } catch (AssertionError e) {
      for (String id : ids) {
        System.out.println("---- agent log of " + id + ":\n" + net.command(WAIT, "agent_log", Map.of("node", id)));
      }
      throw e;
    }
  }

  /** What a module in a user's container on a node reported in the node's last heartbeat. */
  static Optional<ContainerView.Module> module(Controller controller, String node, String user, String module) {
    return controller.service(NodePoolService.class).node(node).flatMap(NodeView::agent).stream()
        .flatMap(a -> a.containers().stream())
        .filter(c -> c.user().equals(user))
        .flatMap(c -> c.modules().stream())
        .filter(m -> m.name().equals(module))
        .findFirst();
  }

  /** Installs a module on every connected node of a pool; answers, by node, why it failed there (empty: it did not). */
  public static Map<String, Optional<String>> installOnPool(Controller controller, String pool, ModuleInstall install)
      throws Exception {
    Map<String, Optional<String>> out = new TreeMap<>();
    for (NodeView n : controller.service(NodePoolService.class).nodes()) {
      if (n.spec().pool().equals(pool) && n.connected()) {
        try {
          controller.service(NodeAgentService.class).install(n.id(), install).get(90, TimeUnit.SECONDS);
          out.put(n.id(), Optional.empty());
        } catch (ExecutionException e) {
          out.put(n.id(), Optional.of(String.valueOf(e.getCause().getMessage())));
        }
      }
    }
    return out;
  }

  /** What the node's agent reported last. */
  public static AgentView agent(Controller controller, String node) {
    return controller.service(NodePoolService.class).node(node).flatMap(NodeView::agent).orElseThrow(
        () -> new AssertionError("node " + node + " has no agent report"));
  }

  @Override
  public void close() {
    modules.stop(0);
    serving.shutdownNow();
    if (ownsManagement) {
      management.close();
    }
  }
}
