package org.netservof.bridge.steering;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.netservof.controller.util.NamedThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Steering's one worker thread. Tasks run in the order they were queued; reconciliations queued back to back
 * while none of them has started run as one push. A push plans from the state as it is when it starts, so
 * one push covers every change made before it: registering a thousand services costs a few pushes, not a
 * thousand plans of up to a thousand services each. A reconciliation never joins one queued before another
 * task, so nothing is pushed ahead of a task (a switch's first clean-up, say) that was meant to run first.
 */
final class SteeringWorker implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SteeringWorker.class);

  /** Brings the switches in line with the state; {@code why} is for the log. */
  @FunctionalInterface
  interface Push {
    void run(String why) throws Exception;
  }

  /** Reconciliations waiting for one push. */
  private static final class Batch {
    final List<String> reasons = new ArrayList<>();
    final List<CompletableFuture<Void>> waiting = new ArrayList<>();
  }

  private final ExecutorService executor = Executors.newSingleThreadExecutor(NamedThreads.daemon("steering"));
  private final Push push;
  private final Object lock = new Object();
  /** The last task queued, when it is a reconciliation that has not started yet. */
  private Batch open;
  private boolean closed;

  SteeringWorker(Push push) {
    this.push = push;
  }

  /** Runs the task after what is queued; once closed (the controller stops), drops it: see {@link #close}. */
  void execute(Runnable task) {
    synchronized (lock) {
      open = null;
      if (closed) {
        log.debug("steering has stopped; a late task is dropped");
        return;
      }
      executor.execute(task);
    }
  }

  /** Queues a reconciliation; completes when the switches confirmed a push that covers it. */
  CompletableFuture<Void> reconcile(String why) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    synchronized (lock) {
      if (closed) {
        done.completeExceptionally(new IllegalStateException("steering has stopped (the controller is shutting "
            + "down); not applied: " + why));
        return done;
      }
      if (open == null) {
        Batch batch = new Batch();
        open = batch;
        executor.execute(() -> run(batch));
      }
      open.reasons.add(why);
      open.waiting.add(done);
    }
    return done;
  }

  private void run(Batch batch) {
    synchronized (lock) {
      if (open == batch) {
        open = null; // from now on, changes need a push of their own
      }
    }
    String why = batch.reasons.size() == 1 ? batch.reasons.get(0)
        : batch.reasons.get(0) + " and " + (batch.reasons.size() - 1) + " more changes";
    try {
      push.run(why);
      batch.waiting.forEach(f -> f.complete(null));
    } catch (InterruptedException e) {
      // Closed mid-push (the controller stops): not a failure of the switches; the next start audits them.
      log.info("steering stopped while applying '{}'", why);
      batch.waiting.forEach(f -> f.completeExceptionally(e));
    } catch (Exception e) {
      log.error("steering could not apply '{}': {}", why, e.getMessage());
      batch.waiting.forEach(f -> f.completeExceptionally(e));
    }
  }

  /**
   * Stops the worker. Switches and nodes still go away while the controller stops, after steering did: their
   * events are dropped here quietly (the next start audits every switch), not thrown at whoever reports them.
   */
  @Override
  public void close() {
    synchronized (lock) {
      closed = true;
      open = null;
    }
    executor.shutdownNow();
  }
}
