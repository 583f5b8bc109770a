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
 * updates of running modules are sent here. Deployments of the same module share its install on a node, so an
 * update is the module's, not one service's: it goes to every node that runs it, and once a node applied it
 * every deployment of the module records the new properties (compare-and-set, read again on a conflict), so a
 * node that installs it later gets them. An update no node applied is not recorded. A node that installs the
 * module while an update is on its way gets the properties recorded before it, and is not told; the next update
 * reaches it.
 *
 * <p>A publisher's update (a SETUP) may not change a module the operator runs for its user (a deployment made
 * through the API, maybe outside the user's grant): only the operator can, through the API.
 */
public final class PublisherChannel extends EventSource<ModuleReportListener>
    implements PublisherChannelService, AgentListener {
  private static final Logger log = LoggerFactory.getLogger(PublisherChannel.class);
  private static final int RECORD_ATTEMPTS = 5;
  private final DeploymentStore store;
  private final Optional<NodeAgentService> agents;

  public PublisherChannel(StoreService stores, Optional<NodeAgentService> agents) {
    this.store = BridgeStores.deployments(stores);
    this.agents = agents;
  }

  @Override
  public CompletableFuture<String> update(String user, String module, Map<String, String> properties,
      Deployment.Origin by) throws DeploymentException {
    List<Deployment> running = running(user, module);
    if (running.isEmpty()) {
      throw new DeploymentException(404, "user '" + user + "' runs no " + module + " here");
    }
    if (running.stream().anyMatch(d -> d.state() != Deployment.State.ACTIVE)) {
      throw new DeploymentException(409, module + " of user '" + user + "' is being installed; send the update "
          + "again once that is answered");
    }
    if (by == Deployment.Origin.SIGNALING && running.stream().anyMatch(d -> d.origin() == Deployment.Origin.API)) {
      throw new DeploymentException(409, "the operator runs " + module + " for user '" + user + "' too; only the "
          + "operator can change its properties");
    }
    NodeAgentService nodes = agents.orElseThrow(() -> new DeploymentException(503, "no node agents here"));
    TreeSet<String> where = new TreeSet<>();
    running.forEach(d -> where.addAll(d.nodes()));
    Map<String, CompletableFuture<String>> sent = new TreeMap<>();
    for (String node : where) {
      sent.put(node, send(nodes, node, user, module, properties));
    }
    return CompletableFuture.allOf(sent.values().toArray(CompletableFuture[]::new))
        .thenApply(done -> answer(module, user, sent))
        .thenApply(detail -> recorded(user, module, properties, detail));
  }

  private List<Deployment> running(String user, String module) {
    return store.all().values().stream().map(Versioned::value).filter(d -> isOf(d, user, module)).toList();
  }

  private static boolean isOf(Deployment d, String user, String module) {
    return d.module().map(m -> m.user().equals(user) && m.module().equals(module)).orElse(false);
  }

  /** Records the applied properties on every deployment of the module; the detail, with what it could not. */
  private String recorded(String user, String module, Map<String, String> properties, String detail) {
    List<String> missed = new ArrayList<>();
    store.all().forEach((id, v) -> {
      if (isOf(v.value(), user, module) && !record(id, properties)) {
        missed.add(String.valueOf(id));
      }
    });
    if (missed.isEmpty()) {
      return detail;
    }
    log.warn("update of {} for {}: deployments {} kept changing; a node that installs it later may get the old "
        + "properties", module, user, missed);
    return detail + "; not recorded on deployments " + String.join(",", missed);
  }

  /** Compare-and-set, read again on a conflict; false when it kept changing (or went away: nothing to record). */
  private boolean record(int id, Map<String, String> properties) {
    for (int attempt = 0; attempt < RECORD_ATTEMPTS; attempt++) {
      Optional<Versioned<Deployment>> v = store.get(id);
      if (v.isEmpty()) {
        return true;
      }
      if (store.compareAndSet(id, v.get().revision(), withProperties(v.get().value(), properties),
          v.get().deadline()).isPresent()) {
        return true;
      }
    }
    return false;
  }

  private static Deployment withProperties(Deployment d, Map<String, String> properties) {
    ModuleInstall m = d.module().orElseThrow();
    DeploymentRequest r = d.request();
    return new Deployment(d.id(), new DeploymentRequest(r.origin(), r.service(),
        Optional.of(new ModuleInstall(m.user(), m.module(), m.url(), m.sha256(), properties, m.listenPorts())),
        r.node(), r.needs()),
        d.nodes(), d.state(), d.detail(), d.serviceId(), d.createdAt(), d.member(), d.handOffs());
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
