package org.netservof.bridge.steering;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.netservof.controller.testing.LogCapture;

class SteeringWorkerTest {
  private final List<String> log = new CopyOnWriteArrayList<>();
  private final CountDownLatch release = new CountDownLatch(1);

  @Test
  void reconciliationsQueuedBackToBackRunAsOnePush() throws Exception {
    try (SteeringWorker worker = new SteeringWorker(why -> log.add("push " + why))) {
      worker.execute(this::blockUntilReleased);
      List<CompletableFuture<Void>> done = List.of(worker.reconcile("a"), worker.reconcile("b"), worker.reconcile("c"));
      release.countDown();
      CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get(5, TimeUnit.SECONDS);
      assertThat(log).containsExactly("blocked", "push a and 2 more changes");
    }
  }

  @Test
  void aReconciliationNeverJumpsAheadOfATaskQueuedBeforeIt() throws Exception {
    try (SteeringWorker worker = new SteeringWorker(why -> log.add("push " + why))) {
      worker.execute(this::blockUntilReleased);
      CompletableFuture<Void> first = worker.reconcile("a");
      worker.execute(() -> log.add("clean-up"));
      CompletableFuture<Void> second = worker.reconcile("b");
      release.countDown();
      CompletableFuture.allOf(first, second).get(5, TimeUnit.SECONDS);
      assertThat(log).containsExactly("blocked", "push a", "clean-up", "push b");
    }
  }

  @Test
  void aFailedPushFailsEveryReconciliationItCovered() throws Exception {
    try (SteeringWorker worker = new SteeringWorker(why -> {
      throw new IllegalStateException("switch refused");
    })) {
      worker.execute(this::blockUntilReleased);
      CompletableFuture<Void> a = worker.reconcile("a");
      CompletableFuture<Void> b = worker.reconcile("b");
      release.countDown();
      assertThat(a).failsWithin(5, TimeUnit.SECONDS);
      assertThat(b).failsWithin(5, TimeUnit.SECONDS);
    }
  }

  /**
   * The controller stops: steering's worker closes while switches and nodes still go away (their removals
   * arrive after it). What comes then is dropped quietly, never a RejectedExecutionException in a listener.
   */
  @Test
  void workQueuedAfterTheWorkerClosedIsDroppedAndItsReconciliationsFailSayingSo() {
    SteeringWorker worker = new SteeringWorker(why -> log.add("push " + why));
    worker.close();
    try (LogCapture logs = new LogCapture()) {
      worker.execute(() -> log.add("switch removed"));
      CompletableFuture<Void> late = worker.reconcile("a node left");
      assertThat(late).failsWithin(1, TimeUnit.SECONDS).withThrowableThat()
          .withMessageContaining("steering has stopped");
      assertThat(logs.problems()).isEmpty();
    }
    assertThat(log).isEmpty();
  }

  private void blockUntilReleased() {
    log.add("blocked");
    try {
      release.await(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
