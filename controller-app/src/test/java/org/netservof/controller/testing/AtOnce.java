package org.netservof.controller.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** Runs tasks on threads of their own, released together, for tests of what must hold under contention. */
public final class AtOnce {
  private AtOnce() {}

  /** A task that may throw (an assertion, the code under test). */
  @FunctionalInterface
  public interface Task {
    void run() throws Exception;
  }

  /** Runs every task on its own thread, all started at the same moment; rethrows the first failure. */
  public static void run(List<Task> tasks) throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(tasks.size());
    CountDownLatch go = new CountDownLatch(1);
    try {
      List<Future<?>> runs = new ArrayList<>();
      for (Task task : tasks) {
        runs.add(threads.submit(() -> {
          go.await();
          task.run();
          return null;
        }));
      }
      go.countDown();
      for (Future<?> run : runs) {
        run.get(30, TimeUnit.SECONDS);
      }
    } finally {
      threads.shutdownNow();
    }
  }
}
