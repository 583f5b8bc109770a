package org.netservof.rest.netserv;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.netservof.bridge.api.ModuleInstall;
import org.netservof.bridge.api.NodeService;
import org.netservof.bridge.api.NodeStatus;
import org.netservof.bridge.api.ServiceInfo;
import org.netservof.bridge.api.ServiceRequest;
import org.netservof.bridge.api.SteeringException;
import org.netservof.bridge.api.SteeringListener;
import org.netservof.bridge.api.SteeringService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Services created through the API: the module (if any) is installed on the target nodes first, then the
 * traffic is steered, as a signaled SETUP does; when steering drops the service (delete, ttl), the module
 * leaves the nodes no other API service of the same user and module still needs. A service whose steering
 * fails takes back the modules it installed.
 */
public final class ModuleDeployments implements SteeringListener, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ModuleDeployments.class);
  static final Duration INSTALL_TIMEOUT = Duration.ofSeconds(90);

  /** A created service's module and the nodes it went to. */
  record Deployed(String user, ModuleJson module, List<String> nodes) {}

  private final SteeringService steering;
  private final Optional<NodeService> nodes;
  private final Map<Integer, Deployed> deployed = new HashMap<>();

  public ModuleDeployments(SteeringService steering, Optional<NodeService> nodes) {
    this.steering = steering;
    this.nodes = nodes;
    steering.addListener(this);
  }

  /** Installs, steers, and answers with the steering service; blocks up to the install timeout. */
  ServiceInfo create(ServiceCreate request) throws Exception {
    String pool = request.pool().orElseGet(() -> poolOf(request.node().orElseThrow()));
    ServiceRequest steered = new ServiceRequest(request.name(), request.filter().toFilter(), pool,
        ServicesResource.modeOf(request.mode()), request.ttlSeconds().map(Duration::ofSeconds), request.user());
    if (request.module().isEmpty()) {
      return steering.register(steered).get(INSTALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }
    NodeService nodeService = nodes.orElseThrow(() -> new SteeringException(
        "the nodes module does not run here: no module can be installed"));
    ModuleJson m = request.module().get();
    ModuleInstall install = new ModuleInstall(request.user().orElseThrow(), m.name(), URI.create(m.url()),
        m.sha256(), m.properties().orElse(Map.of()));
    List<String> targets = targets(nodeService, pool, request.node());
    List<String> fresh = new ArrayList<>();
    try {
      List<CompletableFuture<Void>> installs = new ArrayList<>();
      for (String node : targets) {
        if (!installedFor(install.user(), m.name(), node)) {
          fresh.add(node);
          installs.add(nodeService.install(node, install));
        }
      }
      CompletableFuture.allOf(installs.toArray(CompletableFuture[]::new))
          .get(INSTALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      ServiceInfo info = steering.register(steered).get(INSTALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      synchronized (this) {
        deployed.put(info.id(), new Deployed(install.user(), m, List.copyOf(targets)));
      }
      log.info("service {} of user {}: {} installed on {}", info.id(), install.user(), m.name(), targets);
      return info;
    } catch (Exception e) {
      fresh.forEach(node -> uninstall(nodeService, node, install.user(), m.name()));
      throw e;
    }
  }

  /** The module of a service created here, if it has one. */
  synchronized Optional<Deployed> deployed(int serviceId) {
    return Optional.ofNullable(deployed.get(serviceId));
  }

  @Override
  public void serviceRemoved(ServiceInfo service, String reason) {
    Deployed gone;
    List<String> leave = new ArrayList<>();
    synchronized (this) {
      gone = deployed.remove(service.id());
      if (gone == null) {
        return;
      }
      for (String node : gone.nodes()) {
        if (!installedFor(gone.user(), gone.module().name(), node)) {
          leave.add(node);
        }
      }
    }
    log.info("service {} ended ({}): removing {} of user {} from {}", service.id(), reason, gone.module().name(),
        gone.user(), leave);
    nodes.ifPresent(n -> leave.forEach(node -> uninstall(n, node, gone.user(), gone.module().name())));
  }

  private synchronized boolean installedFor(String user, String module, String node) {
    return deployed.values().stream().anyMatch(d -> d.user().equals(user) && d.module().name().equals(module)
        && d.nodes().contains(node));
  }

  private String poolOf(String node) {
    return steering.node(node).map(n -> n.spec().pool()).orElseThrow(() -> new IllegalArgumentException(
        "no node '" + node + "'"));
  }

  private static List<String> targets(NodeService nodes, String pool, Optional<String> node) throws SteeringException {
    List<String> out = new ArrayList<>();
    for (NodeStatus n : nodes.nodes()) {
      if (n.pool().equals(pool) && n.healthy() && node.map(id -> id.equals(n.id())).orElse(true)) {
        out.add(n.id());
      }
    }
    if (out.isEmpty()) {
      throw new SteeringException(node.map(id -> "node '" + id + "' is not a healthy, connected node")
          .orElse("pool '" + pool + "' has no healthy, connected node"));
    }
    return List.copyOf(new TreeSet<>(out));
  }

  private static void uninstall(NodeService nodes, String node, String user, String module) {
    try {
      nodes.remove(node, user, module).whenComplete((ok, e) -> {
        if (e != null) {
          log.warn("removing {} of user {} from node {} failed: {}", module, user, node, e.getMessage());
        }
      });
    } catch (SteeringException e) {
      log.info("node {} is gone; nothing to remove there", node);
    }
  }

  @Override
  public void close() {
    steering.removeListener(this);
  }
}
