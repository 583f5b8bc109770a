package org.netservof.bridge.signaling;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.netservof.controller.util.NamedThreads;

/**
 * Modules' reports on their way to their publishers' notification URLs, apart from the SETUP and REMOVE
 * notifications, so that one user's URL cannot hold up anyone else's calls: each user has at most one report
 * call in flight, and while it runs only the newest report of each (module, node) waits, replacing an older one
 * (a publisher wants the latest state, not a backlog). A URL that stalls costs its own user's reports only.
 */
final class ReportDelivery {
  /** Users with a call in flight at once; beyond this many the newest user's reports are dropped. */
  private static final int THREADS = 4;
  private static final int MAX_USERS = 1024;

  private final ExecutorService pool = new ThreadPoolExecutor(THREADS, THREADS, 30, TimeUnit.SECONDS,
      new ArrayBlockingQueue<>(MAX_USERS), NamedThreads.daemon("notifier-reports"));
  /** By user: the waiting call of each (module, node), oldest first. Guarded by this. */
  private final Map<String, Map<String, Runnable>> waiting = new HashMap<>();
  /** Users with a call in flight. Guarded by this. */
  private final Set<String> busy = new HashSet<>();

  /** Queues a report call of the user's; {@code source} names its module and node (the newest one wins). */
  synchronized void offer(String user, String source, Runnable call) {
    waiting.computeIfAbsent(user, u -> new LinkedHashMap<>()).put(source, call);
    if (busy.add(user)) {
      next(user);
    }
  }

  /** Starts the user's next waiting call, or marks the user idle. */
  private synchronized void next(String user) {
    Map<String, Runnable> mine = waiting.get(user);
    if (mine == null || mine.isEmpty()) {
      waiting.remove(user);
      busy.remove(user);
      return;
    }
    Iterator<Runnable> first = mine.values().iterator();
    Runnable call = first.next();
    first.remove();
    try {
      pool.execute(() -> {
        try {
          call.run();
        } finally {
          next(user);
        }
      });
    } catch (RejectedExecutionException e) { // stopping, or more users calling at once than MAX_USERS
      waiting.remove(user);
      busy.remove(user);
    }
  }

  void shutDown() {
    pool.shutdownNow();
  }
}
