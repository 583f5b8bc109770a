package org.netservof.bridge.deploy;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import org.netservof.bridge.api.ModuleInstall;
import org.netservof.bridge.api.NodeAgentService;
import org.netservof.bridge.api.NodePoolService;
import org.netservof.bridge.api.NodeView;
import org.netservof.bridge.api.SteeringException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends installs and removals to node agents, one install in flight per user, module and node: a second
 * deployment that needs the same instance while it is being installed waits for that install instead of
 * sending its own (which the node would refuse as "already running").
 */
final class ModuleInstaller {
  private static final Logger log = LoggerFactory.getLogger(ModuleInstaller.class);

  private final Optional<NodeAgentService> agents;
  private final NodePoolService pools;
  private final Map<InstallLedger.Key, CompletableFuture<Void>> inFlight = new ConcurrentHashMap<>();

  ModuleInstaller(Optional<NodeAgentService> agents, NodePoolService pools) {
    this.agents = agents;
    this.pools = pools;
  }

  /** Installs the module on the node, or joins the install of it in flight. */
  CompletableFuture<Void> install(InstallLedger.Key key, ModuleInstall module) {
    CompletableFuture<Void> running = inFlight.get(key);
    if (running != null) {
      return running;
    }
    CompletableFuture<Void> sent;
    try {
      sent = agents().install(key.node(), module);
    } catch (SteeringException e) {
      sent = CompletableFuture.failedFuture(e);
    }
    CompletableFuture<Void> done = sent;
    inFlight.put(key, done);
    done.whenComplete((ok, error) -> inFlight.remove(key, done));
    return done;
  }

  /** The install in flight for the instance, if one is. */
  Optional<CompletableFuture<Void>> inFlight(InstallLedger.Key key) {
    return Optional.ofNullable(inFlight.get(key));
  }

  /** Takes the module off the node; a node that left took its containers with it. */
  void uninstall(InstallLedger.Key key) {
    try {
      agents().remove(key.node(), key.user(), key.module()).whenComplete((ok, e) -> {
        if (e != null && pools.node(key.node()).map(NodeView::connected).orElse(false)) {
          log.warn("user {}: removing {} from node {} failed: {}", key.user(), key.module(), key.node(),
              rootMessage(e));
        } else if (e != null) {
          log.info("user {}: node {} left before {} was removed; its containers went with it", key.user(),
              key.node(), key.module());
        }
      });
    } catch (SteeringException e) {
      log.info("user {}: node {} is not connected; nothing to remove there ({})", key.user(), key.node(),
          e.getMessage());
    }
  }

  private NodeAgentService agents() throws SteeringException {
    return agents.orElseThrow(() -> new SteeringException("the nodes module does not run here: no module can "
        + "be installed"));
  }

  static String rootMessage(Throwable e) {
    Throwable t = e;
    while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.toString() : t.getMessage();
  }
}
