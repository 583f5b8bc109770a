package org.netservof.bridge.deploy;

import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.netservof.bridge.api.Deployment;
import org.netservof.bridge.api.DeploymentStore;
import org.netservof.bridge.api.HandOff;
import org.netservof.bridge.api.SteeringException;
import org.netservof.controller.api.store.StoreEvent;
import org.netservof.controller.api.store.StoreListener;
import org.netservof.controller.api.store.Versioned;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The deployment store as the hand-off between the members of a cluster: the member that takes a request
 * writes the deployment with a PENDING {@link HandOff} for each node another member holds; that member installs
 * (hearing the store's event) and writes the outcome, which the requesting member awaits here. A deployment
 * another member ended takes its module off the nodes this member holds that no deployment needs it on any
 * more. Store events are handled on a thread of its own: store listeners must not block.
 */
final class HandOffs implements StoreListener<Integer, Deployment>, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(HandOffs.class);
  /** Longer than a node takes to answer an install (a minute), so the holder's answer normally comes first. */
  private static final long WAIT_SECONDS = 75;

  /** What the member holding a node's connection does for the others. */
  interface Holder {
    /** Installs the deployment's module on a node this member holds, or joins the install in flight. */
    CompletableFuture<Void> installFor(Deployment d, String node);

    /** Another member ended the deployment: its module leaves the nodes held here that no deployment needs. */
    void endedElsewhere(Deployment d);
  }

  private record Key(int id, String node) {}

  private final String self;
  private final DeploymentStore store;
  private final Holder holder;
  private final Map<Key, CompletableFuture<Void>> waiting = new ConcurrentHashMap<>();
  private final Set<Key> acting = ConcurrentHashMap.newKeySet();
  private final Set<Integer> endedHere = ConcurrentHashMap.newKeySet();
  private final ExecutorService worker = Executors.newSingleThreadExecutor(
      new DefaultThreadFactory("deployment-hand-offs", true));

  HandOffs(String self, DeploymentStore store, Holder holder) {
    this.self = self;
    this.store = store;
    this.holder = holder;
  }

  /** Follows the store from now, first taking up the installs handed to this member that wait for it. */
  void start() {
    store.addListener(this, store.revision());
    store.all().values().forEach(v -> pendingForMe(v.value()));
  }

  /**
   * Completes when the member the deployment's install on the node was handed to reports it; fails with its
   * reason, when the deployment ends first, or when no answer comes in time.
   */
  CompletableFuture<Void> await(int id, String node, String member) {
    Key key = new Key(id, node);
    CompletableFuture<Void> done = new CompletableFuture<>();
    waiting.put(key, done);
    done.orTimeout(WAIT_SECONDS, TimeUnit.SECONDS).whenComplete((ok, e) -> waiting.remove(key, done));
    store.get(id).map(Versioned::value).ifPresent(d -> settle(d)); // it may have answered already
    return done.exceptionallyCompose(e -> CompletableFuture.failedFuture(e instanceof java.util.concurrent
        .TimeoutException ? new SteeringException("member " + member + ", which holds node " + node
        + ", did not report the install in " + WAIT_SECONDS + " s") : e));
  }

  /** This member is ending the deployment (and takes its modules off the nodes itself). */
  void endingHere(int id) {
    endedHere.add(id);
  }

  @Override
  public void changed(StoreEvent<Integer, Deployment> event) {
    if (event.after().isPresent()) {
      Deployment d = event.after().get();
      settle(d);
      pendingForMe(d);
    } else {
      waiting.forEach((key, f) -> {
        if (key.id() == event.key()) {
          f.completeExceptionally(new SteeringException("deployment " + key.id() + " ended"));
        }
      });
      if (!endedHere.remove(event.key()) && event.before().isPresent()) {
        run(() -> holder.endedElsewhere(event.before().get()));
      }
    }
  }

  /**
   * Completes the waits for the installs the deployment reports settled, on this member's own thread: the
   * deployment goes on from there (steering), not on the thread of whoever wrote the store.
   */
  private void settle(Deployment d) {
    d.handOffs().forEach((node, h) -> {
      CompletableFuture<Void> f = h.state() == HandOff.State.PENDING ? null : waiting.get(new Key(d.id(), node));
      if (f != null && h.state() == HandOff.State.INSTALLED) {
        run(() -> f.complete(null));
      } else if (f != null) {
        run(() -> f.completeExceptionally(new SteeringException(h.detail())));
      }
    });
  }

  /** Installs what the deployment handed to this member and waits for it, once. */
  private void pendingForMe(Deployment d) {
    d.handOffs().forEach((node, h) -> {
      Key key = new Key(d.id(), node);
      if (h.state() == HandOff.State.PENDING && h.member().equals(self) && acting.add(key)) {
        run(() -> holder.installFor(d, node).whenComplete((ok, e) -> report(key, e == null
            ? new HandOff(self, HandOff.State.INSTALLED, "installed at member " + self)
            : new HandOff(self, HandOff.State.FAILED, ModuleInstaller.rootMessage(e)))));
      }
    });
  }

  /** Writes an install's outcome into its deployment, unless the deployment ended or settled meanwhile. */
  private void report(Key key, HandOff outcome) {
    acting.remove(key);
    for (int attempt = 0; attempt < 10; attempt++) {
      Optional<Versioned<Deployment>> now = store.get(key.id());
      HandOff h = now.map(v -> v.value().handOffs().get(key.node())).orElse(null);
      if (h == null || h.state() != HandOff.State.PENDING) {
        return;
      }
      Map<String, HandOff> handOffs = new HashMap<>(now.get().value().handOffs());
      handOffs.put(key.node(), outcome);
      if (store.compareAndSet(key.id(), now.get().revision(), now.get().value().withHandOffs(handOffs),
          now.get().deadline()).isPresent()) {
        log.info("deployment {}: {} on node {}: {}", key.id(), outcome.state(), key.node(), outcome.detail());
        return;
      }
    }
    log.warn("deployment {}: the outcome of its install on node {} ({}) could not be written: it kept changing",
        key.id(), key.node(), outcome.state());
  }

  private void run(Runnable task) {
    try {
      worker.execute(task);
    } catch (RejectedExecutionException e) {
      log.debug("stopping: a deployment hand-off is left to the member that follows");
    }
  }

  @Override
  public void close() {
    store.removeListener(this);
    worker.shutdownNow();
  }
}
