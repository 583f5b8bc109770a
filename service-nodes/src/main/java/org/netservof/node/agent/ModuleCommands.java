package org.netservof.node.agent;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.netservof.protocol.node.ChannelMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The controller's install, update and remove commands, run so that no one waits on a stranger's URL. Each user has
 * a queue of installs of its own, run one at a time (a user with many installs takes one fetch at a time, not
 * every thread), while other users' queues run alongside. Removes queue behind no install: a remove runs at
 * once on a thread of its own, and first cancels the same module's install if it is still waiting or
 * fetching (the fetch is interrupted; the install is answered {@link #CANCELLED}). An install already loading
 * into its container is let finish (the container bounds that) and then removed.
 */
final class ModuleCommands {
  private static final Logger log = LoggerFactory.getLogger(ModuleCommands.class);
  static final String CANCELLED = "the install was cancelled: a remove of the module came first";
  private static final long LOADING_WAIT_SECONDS = 60;

  /** Loads a fetched module into its user's container. */
  @FunctionalInterface
  interface Load {
    void install(String user, int vlan, ContainerSupervisor.Wanted module) throws IOException;
  }

  /** Unloads a module from its user's container. */
  @FunctionalInterface
  interface Unload {
    void remove(String user, String module) throws IOException;
  }

  /** Gives a running module of a user's container new properties. */
  @FunctionalInterface
  interface Change {
    void update(String user, String module, Map<String, String> properties) throws IOException;
  }

  /** One install: waiting in its user's queue, fetching (interruptible) or loading (let finish). */
  private static final class Job {
    final ChannelMessage.Install install;
    final CompletableFuture<Void> done = new CompletableFuture<>();
    final long queued = System.nanoTime();
    Thread runner;
    boolean loading;
    boolean cancelled;

    Job(ChannelMessage.Install install) {
      this.install = install;
    }
  }

  /** A user's installs: the one running, and those waiting behind it. */
  private static final class Queue {
    final ArrayDeque<Job> waiting = new ArrayDeque<>();
    Job running;
  }

  private final ModuleFetcher fetcher;
  private final Load load;
  private final Unload unload;
  private final Change change;
  private final Consumer<ChannelMessage> answer;
  private final Map<String, Queue> queues = new HashMap<>(); // guarded by this
  private final ExecutorService installs = Executors.newCachedThreadPool(r -> daemon(r, "node installs"));
  private final ExecutorService removes = Executors.newCachedThreadPool(r -> daemon(r, "node removes"));

  ModuleCommands(ModuleFetcher fetcher, Load load, Unload unload, Change change, Consumer<ChannelMessage> answer) {
    this.fetcher = fetcher;
    this.load = load;
    this.unload = unload;
    this.change = change;
    this.answer = answer;
  }

  /** Queues an install behind the user's others; answered once it is loaded, failed or cancelled. */
  synchronized void install(ChannelMessage.Install install) {
    Queue q = queues.computeIfAbsent(install.user(), u -> new Queue());
    q.waiting.add(new Job(install));
    if (q.running == null) {
      startNext(install.user(), q);
    }
  }

  /** Removes a module at once, cancelling its install if that is still waiting or fetching. */
  void remove(ChannelMessage.Remove remove) {
    Pending pending = cancel(remove.user(), remove.module());
    pending.cancelled().forEach(id -> answer.accept(new ChannelMessage.Result(id, false, CANCELLED)));
    removes.execute(() -> doRemove(remove, pending));
  }

  /**
   * Gives a running module new properties, on a thread of its own like a remove (it fetches nothing); a module
   * that is not running (yet) is answered with the container's refusal.
   */
  void update(ChannelMessage.Update update) {
    removes.execute(() -> {
      try {
        change.update(update.user(), update.module(), update.properties() == null ? Map.of() : update.properties());
        log.info("updated {} for {}", update.module(), update.user());
        answer.accept(new ChannelMessage.Result(update.requestId(), true, ""));
      } catch (IOException | RuntimeException e) {
        log.warn("update of {} for {} failed: {}", update.module(), update.user(), e.getMessage());
        answer.accept(new ChannelMessage.Result(update.requestId(), false, String.valueOf(e.getMessage())));
      }
    });
  }

  void shutDown() {
    installs.shutdownNow();
    removes.shutdownNow();
  }

  private void startNext(String user, Queue q) {
    q.running = q.waiting.poll();
    if (q.running == null) {
      queues.remove(user, q);
      return;
    }
    Job job = q.running;
    installs.execute(() -> run(user, q, job));
  }

  private void run(String user, Queue q, Job job) {
    try {
      runJob(job);
    } finally {
      Thread.interrupted(); // a cancel's interrupt must not reach the next job on this thread
      job.done.complete(null);
      synchronized (this) {
        startNext(user, q);
      }
    }
  }

  private void runJob(Job job) {
    ChannelMessage.Install install = job.install;
    try {
      synchronized (this) {
        if (job.cancelled) {
          throw new CancelledException();
        }
        job.runner = Thread.currentThread();
      }
      long began = System.nanoTime();
      Path jar = fetcher.fetch(install.url(), install.sha256());
      long fetched = System.nanoTime();
      synchronized (this) {
        if (job.cancelled) {
          throw new CancelledException();
        }
        job.loading = true; // from here a remove waits for it instead of interrupting the container's answer
      }
      load.install(install.user(), install.vlan(), new ContainerSupervisor.Wanted(install.module(), jar,
          install.sha256(), install.properties() == null ? Map.of() : install.properties()));
      log.info("installed {} for {} in {} ms (fetch or cache {} ms, container {} ms)", install.module(),
          install.user(), millis(System.nanoTime() - job.queued), millis(fetched - began),
          millis(System.nanoTime() - fetched));
      answer.accept(new ChannelMessage.Result(install.requestId(), true, ""));
    } catch (CancelledException e) {
      log.info("install of {} for {} cancelled by a remove", install.module(), install.user());
      answer.accept(new ChannelMessage.Result(install.requestId(), false, CANCELLED));
    } catch (IOException | RuntimeException e) {
      boolean cancelled;
      synchronized (this) {
        cancelled = job.cancelled;
      }
      log.warn("install of {} for {} failed: {}", install.module(), install.user(), cancelled ? CANCELLED
          : e.getMessage());
      answer.accept(new ChannelMessage.Result(install.requestId(), false, cancelled ? CANCELLED
          : String.valueOf(e.getMessage())));
    }
  }

  /**
   * What a remove found of its module's installs: the waiting ones it took out of the queue (to answer), whether
   * it stopped one that was fetching, and the one loading into its container, if any, to wait for.
   */
  private record Pending(List<Long> cancelled, boolean interrupted, Optional<Job> loading) {
    boolean cancelledAny() {
      return interrupted || !cancelled.isEmpty();
    }
  }

  private synchronized Pending cancel(String user, String module) {
    Queue q = queues.get(user);
    if (q == null) {
      return new Pending(List.of(), false, Optional.empty());
    }
    List<Long> taken = new ArrayList<>();
    for (Iterator<Job> it = q.waiting.iterator(); it.hasNext(); ) {
      Job waiting = it.next();
      if (waiting.install.module().equals(module)) {
        it.remove();
        taken.add(waiting.install.requestId());
      }
    }
    Job running = q.running;
    if (running == null || !running.install.module().equals(module)) {
      return new Pending(taken, false, Optional.empty());
    }
    if (running.loading) {
      return new Pending(taken, false, Optional.of(running));
    }
    running.cancelled = true;
    if (running.runner != null) {
      running.runner.interrupt(); // closes the fetch's channel at once
    }
    return new Pending(taken, true, Optional.empty());
  }

  private void doRemove(ChannelMessage.Remove remove, Pending pending) {
    try {
      if (pending.loading().isPresent()) {
        pending.loading().get().done.get(LOADING_WAIT_SECONDS, TimeUnit.SECONDS);
      }
      unload.remove(remove.user(), remove.module());
      answer.accept(new ChannelMessage.Result(remove.requestId(), true, ""));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      // A module whose install this remove cancelled is not there to unload: that is what the remove wanted.
      answer.accept(new ChannelMessage.Result(remove.requestId(), pending.cancelledAny(),
          pending.cancelledAny() ? "" : String.valueOf(e.getMessage())));
    } catch (RuntimeException | ExecutionException | TimeoutException e) {
      answer.accept(new ChannelMessage.Result(remove.requestId(), false, String.valueOf(e.getMessage())));
    }
  }

  private static String millis(long nanos) {
    return String.format("%.1f", nanos / 1e6);
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }

  /** An install a remove cancelled before it reached its container. */
  private static final class CancelledException extends Exception {
    CancelledException() {
      super(CANCELLED, null, false, false);
    }
  }
}
