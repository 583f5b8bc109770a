package org.netservof.bridge.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.netservof.bridge.api.AgentListener;
import org.netservof.bridge.api.Deployment;
import org.netservof.bridge.api.DeploymentException;
import org.netservof.bridge.api.DeploymentRequest;
import org.netservof.bridge.api.DeploymentStore;
import org.netservof.bridge.api.ModuleInstall;
import org.netservof.bridge.api.ModuleReport;
import org.netservof.bridge.api.ModuleReportListener;
import org.netservof.bridge.api.PublisherChannelService;
import org.netservof.bridge.api.NodeAgentService;
import org.netservof.bridge.api.SteeringException;
import org.netservof.bridge.store.BridgeStores;
import org.netservof.controller.api.store.StoreService;
import org.netservof.controller.api.store.Versioned;
import org.netservof.controller.util.EventSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The publisher channel on the deployments: reports are the node channel's, read through the agents; property
 * updates of running modules are sent here. Every deployment of the user's module records the new properties first
 * (compare-and-set: a deployment changed meanwhile refuses the update, to be sent again), since deployments of
 * the same module share its install on a node and a node that installs it later must get the new ones; then
 * each node that runs it is told, and the answer names where it applied and where it did not.
 */
public final class PublisherChannel extends EventSource<ModuleReportListener>
    implements PublisherChannelService, AgentListener {
  private static final Logger log = LoggerFactory.getLogger(PublisherChannel.class);
  private final DeploymentStore store;
  private final Optional<NodeAgentService> agents;

  public PublisherChannel(StoreService stores, Optional<NodeAgentService> agents) {
    this.store = BridgeStores.deployments(stores);
    this.agents = agents;
  }

  @Override
  public CompletableFuture<String> update(String user, String module, Map<String, String> properties)
      throws DeploymentException {
    List<Versioned<Deployment>> running = store.all().values().stream().filter(v -> v.value().module()
        .map(m -> m.user().equals(user) && m.module().equals(module)).orElse(false)).toList();
    if (running.isEmpty()) {
      throw new DeploymentException(404, "user '" + user + "' runs no " + module + " here");
    }
    if (running.stream().anyMatch(v -> v.value().state() != Deployment.State.ACTIVE)) {
      throw new DeploymentException(409, module + " of user '" + user + "' is being installed; send the update "
          + "again once that is answered");
    }
    NodeAgentService nodes = agents.orElseThrow(() -> new DeploymentException(503, "no node agents here"));
    TreeSet<String> where = new TreeSet<>();
    for (Versioned<Deployment> v : running) {
      record(v, properties);
      where.addAll(v.value().nodes());
    }
    Map<String, CompletableFuture<String>> sent = new TreeMap<>();
    for (String node : where) {
      sent.put(node, send(nodes, node, user, module, properties));
    }
    return CompletableFuture.allOf(sent.values().toArray(CompletableFuture[]::new))
        .thenApply(done -> answer(module, user, sent));
  }

  private void record(Versioned<Deployment> v, Map<String, String> properties) throws DeploymentException {
    Deployment d = v.value();
    ModuleInstall m = d.module().orElseThrow();
    DeploymentRequest r = d.request();
    Deployment changed = new Deployment(d.id(), new DeploymentRequest(r.origin(), r.service(),
        Optional.of(new ModuleInstall(m.user(), m.module(), m.url(), m.sha256(), properties, m.listenPorts())),
        r.node(), r.needs()),
        d.nodes(), d.state(), d.detail(), d.serviceId(), d.createdAt(), d.member(), d.handOffs());
    if (store.compareAndSet(d.id(), v.revision(), changed, v.deadline()).isEmpty()) {
      throw new DeploymentException(409, "deployment " + d.id() + " changed meanwhile; send the update again");
    }
  }

  /** One node's update; completes with "" when applied, else the node's reason (never fails). */
  private static CompletableFuture<String> send(NodeAgentService nodes, String node, String user, String module,
      Map<String, String> properties) {
    try {
      return nodes.update(node, user, module, properties).handle((ok, e) -> e == null ? "" : reason(e));
    } catch (SteeringException e) {
      return CompletableFuture.completedFuture(e.getMessage());
    }
  }

  private static String answer(String module, String user, Map<String, CompletableFuture<String>> sent) {
    List<String> ok = new ArrayList<>();
    List<String> failed = new ArrayList<>();
    sent.forEach((node, f) -> {
      String why = f.join();
      (why.isEmpty() ? ok : failed).add(why.isEmpty() ? node : node + ": " + why);
    });
    log.info("update of {} for {}: applied on {}, failed on {}", module, user, ok, failed);
    if (ok.isEmpty()) {
      throw new CompletionException(new DeploymentException(502, "the update of " + module + " failed on every "
          + "node: " + String.join("; ", failed)));
    }
    return "updated " + module + " on " + String.join(",", ok)
        + (failed.isEmpty() ? "" : "; failed on " + String.join("; ", failed));
  }

  @Override
  public Map<String, ModuleReport> reports(String user, String module) {
    return agents.map(a -> a.reports(user, module)).orElse(Map.of());
  }

  /** Nothing to do here: the deployments install again what an agent lost. */
  @Override
  public void agentSynced(String nodeId, Map<String, List<String>> running) {}

  @Override
  public void moduleReported(ModuleReport report) {
    tell(l -> l.moduleReported(report), "the report of " + report.module() + " for " + report.user() + " from "
        + report.nodeId());
  }

  private static String reason(Throwable e) {
    Throwable t = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
    return String.valueOf(t.getMessage());
  }
}
