package org.netservof.bridge.nodes;

import io.netty.util.concurrent.DefaultThreadFactory;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.netservof.bridge.api.AgentView;
import org.netservof.bridge.api.NodeHealthService;
import org.netservof.bridge.api.NodeHolder;
import org.netservof.bridge.api.SteeringException;
import org.netservof.controller.api.store.StoreEvent;
import org.netservof.controller.api.store.StoreListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The nodes other members of the cluster hold, as this member's pools see them: connected and healthy while
 * their holder's claim stands, with the containers the holder reports ready, so that this member chooses
 * them for deployments and steers its switches' traffic to them. Applied on a thread of its own, since store
 * listeners must not block and the pools take their own lock.
 */
final class RemoteNodes implements StoreListener<String, NodeHolder>, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(RemoteNodes.class);

  /**
   * How long a member that took a node over from another has to report the containers the other had ready, and
   * how long a node whose member's hold lapsed keeps serving while its agent registers elsewhere: the agent moves
   * with its containers running and reports them right after it registers, so until then they stay ready here
   * (withdrawing them at once dropped a steered stream's packets for the moment between).
   */
  static final Duration TAKEOVER_GRACE = Duration.ofSeconds(5);
  /** Where the holds heard of are applied, one at a time, in the order they changed. */
  private final ScheduledExecutorService applier = Executors.newSingleThreadScheduledExecutor(
      new DefaultThreadFactory("remote-nodes", true));
  private final Duration takeoverGrace;
  /** Each node's hold as last applied (applier thread only). */
  private final Map<String, Optional<NodeHolder>> latest = new HashMap<>();
  private final NodeHolders holders;
  private final String self;
  private final NodeHealthService health;

  /** @param holders this member's holds (in a cluster): its own are its node manager's to report */
  RemoteNodes(NodeHolders holders, NodeHealthService health) {
    this(holders, health, TAKEOVER_GRACE);
  }

  RemoteNodes(NodeHolders holders, NodeHealthService health, Duration takeoverGrace) {
    this.holders = holders;
    this.self = holders.self().orElseThrow(() -> new IllegalArgumentException("a controller alone has no members"));
    this.health = health;
    this.takeoverGrace = takeoverGrace;
  }

  /** Starts following the holds, first taking those that stand now. */
  void start() {
    holders.follow(this).forEach((id, h) -> submit(id, Optional.empty(), Optional.of(h)));
  }

  @Override
  public void changed(StoreEvent<String, NodeHolder> event) {
    if (event.type() == StoreEvent.Type.EXPIRE && event.before().filter(this::remote).isPresent()) {
      submit(() -> lapsed(event.key(), event.before().get()));
    } else if (!event.before().equals(event.after())) { // a renewed lease changes nothing here
      submit(event.key(), event.before(), event.after());
    }
  }

  private void submit(String nodeId, Optional<NodeHolder> before, Optional<NodeHolder> after) {
    if (after.isPresent() && !remote(after.get())) {
      return; // this member holds it now (a lapsed hold of another replaced): its node manager reports it
    }
    submit(() -> apply(nodeId, before.filter(this::remote), after.filter(this::remote)));
  }

  private void submit(Runnable change) {
    try {
      applier.execute(change);
    } catch (RejectedExecutionException e) {
      log.debug("stopping; node holds are not followed any more");
    }
  }

  /**
   * Another member's hold lapsed: that member died or lost the store, and the node's agent, its containers
   * running, registers with another member soon. Until the takeover grace ends the node keeps serving here; then,
   * when no member holds it, it is withdrawn. (A hold its member releases, the agent gone, withdraws it at once.)
   */
  private void lapsed(String nodeId, NodeHolder gone) {
    latest.put(nodeId, Optional.empty());
    applier.schedule(() -> afterLapse(nodeId, gone), takeoverGrace.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void afterLapse(String nodeId, NodeHolder gone) {
    Optional<NodeHolder> now = latest.getOrDefault(nodeId, Optional.empty());
    if (now.isPresent()) { // another member took it over: what it has not reported ready by now is not
      notReportedInTime(nodeId, gone.readyUsers(), now.get().instanceId());
      return;
    }
    if (holders.holder(nodeId).isPresent()) {
      return; // this member took it over: its node manager reports it
    }
    String why = "member " + gone.instanceId() + "'s hold lapsed and no member took the node over within "
        + takeoverGrace.toMillis() + " ms";
    try {
      health.setNodeHealth(nodeId, false, why);
      health.reportAgent(nodeId, Optional.of(new AgentView(gone.address(), gone.interfaceName(), false,
          Optional.empty(), gone.blocks(), List.of(), List.of())));
      for (String user : gone.readyUsers()) {
        health.setContainerReady(nodeId, user, false, why);
      }
    } catch (SteeringException | RuntimeException e) {
      log.warn("node {}: cannot be withdrawn after {}: {}", nodeId, why, e.getMessage());
    }
  }

  private boolean remote(NodeHolder h) {
    return !h.instanceId().equals(self);
  }

  private void apply(String nodeId, Optional<NodeHolder> before, Optional<NodeHolder> after) {
    List<String> wasReady = before.map(NodeHolder::readyUsers).orElse(List.of());
    List<String> ready = after.map(NodeHolder::readyUsers).orElse(List.of());
    try {
      if (after.isPresent() && (before.isEmpty() || !before.get().instanceId().equals(after.get().instanceId()))) {
        health.setNodeHealth(nodeId, true, "node agent registered at member " + after.get().instanceId());
      } else if (after.isEmpty() && before.isPresent()) {
        health.setNodeHealth(nodeId, false, "node agent left member " + before.get().instanceId());
      }
      Optional<NodeHolder> shown = after.or(() -> before);
      if (shown.isPresent()) {
        NodeHolder h = shown.get();
        health.reportAgent(nodeId, Optional.of(new AgentView(h.address(), h.interfaceName(), after.isPresent(),
            Optional.empty(), h.blocks(), ready, List.of())));
      }
      latest.put(nodeId, after);
      List<String> gone = wasReady.stream().filter(user -> !ready.contains(user)).toList();
      if (tookOver(before, after) && !gone.isEmpty()) {
        applier.schedule(() -> notReportedInTime(nodeId, gone, after.get().instanceId()),
            takeoverGrace.toMillis(), TimeUnit.MILLISECONDS);
      } else {
        for (String user : gone) {
          health.setContainerReady(nodeId, user, false, "not ready at member " + before.get().instanceId());
        }
      }
      for (String user : ready) {
        if (!wasReady.contains(user)) {
          health.setContainerReady(nodeId, user, true, "ready at member " + after.get().instanceId());
        }
      }
    } catch (SteeringException | RuntimeException e) {
      log.warn("node {}: what member {} reports of it cannot be applied here: {}", nodeId,
          after.or(() -> before).map(NodeHolder::instanceId).orElse("?"), e.getMessage());
    }
  }

  /** Whether another member holds the node now than before (its agent moved there). */
  private static boolean tookOver(Optional<NodeHolder> before, Optional<NodeHolder> after) {
    return before.isPresent() && after.isPresent() && !before.get().instanceId().equals(after.get().instanceId());
  }

  /** The grace after a takeover ran out: the containers the new holder has not reported ready are not. */
  private void notReportedInTime(String nodeId, List<String> users, String holder) {
    List<String> readyNow = latest.getOrDefault(nodeId, Optional.empty()).map(NodeHolder::readyUsers)
        .orElse(List.of());
    for (String user : users) {
      if (!readyNow.contains(user)) {
        try {
          health.setContainerReady(nodeId, user, false, "not reported ready by member " + holder + " within "
              + takeoverGrace.toMillis() + " ms of taking the node over");
        } catch (SteeringException | RuntimeException e) {
          log.warn("node {}: container of {} cannot be marked not ready: {}", nodeId, user, e.getMessage());
        }
      }
    }
  }

  /** Completes once what was heard so far is applied. */
  CompletableFuture<Void> applied() {
    return CompletableFuture.runAsync(() -> { }, applier);
  }

  @Override
  public void close() {
    holders.unfollow(this);
    applier.shutdownNow();
  }
}
