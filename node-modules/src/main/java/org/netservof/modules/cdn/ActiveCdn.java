package org.netservof.modules.cdn;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.netservof.modules.common.Counters;
import org.netservof.node.api.ModuleContext;
import org.netservof.node.api.NetServModule;
import org.netservof.node.api.Packet;
import org.netservof.node.api.TcpConnection;
import org.netservof.node.api.TcpListener;
import org.netservof.node.api.Verdict;

/**
 * The thesis's ActiveCDN (§7.1): an HTTP/1.1 server on the node's service address that serves a content
 * provider's objects from a bounded cache on the node, fetching a miss from the provider's origin and serving
 * the next request for it without asking the origin ({@link CdnSettings} for its properties). The provider's
 * own server sends its users here once PROBE told it the node's address.
 *
 * <p>Clients are held to bounds: at most {@code max-connections} served at once (the next gets 503 and is
 * closed), each request head read within {@code request-timeout-ms} (a slow sender is cut off) and its answer
 * written within that plus {@code origin-timeout-ms}. A deadline closes the connection, since the module's
 * connections have no read timeout of their own.
 */
public final class ActiveCdn implements NetServModule {
  private static final Duration POLL = Duration.ofMillis(200);
  private static final int MAX_FAILURES_IN_A_ROW = 100;
  private static final Duration SLOT_WAIT = Duration.ofMillis(250);
  private static final byte[] BUSY = ("HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nRetry-After: 1\r\n"
      + "Connection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);

  private final Counters counters = new Counters("hits", "misses", "origin-errors", "refused-requests",
      "refused-connections", "timed-out-connections", "accept-errors");
  private final Set<TcpConnection> open = ConcurrentHashMap.newKeySet();
  private volatile boolean running;
  private volatile ObjectCache cache;
  private CdnSettings settings;
  private TcpListener listener;
  private OriginClient origin;
  private Semaphore slots;
  private ExecutorService workers;
  private ScheduledThreadPoolExecutor deadlines;
  private Thread acceptor;

  @Override
  public synchronized void start(ModuleContext context) throws IOException {
    settings = CdnSettings.of(context.properties());
    try {
      listener = context.listenTcp(settings.port());
    } catch (IOException e) {
      throw new IOException("property port: cannot listen on tcp:" + settings.port() + ": " + e.getMessage(), e);
    }
    cache = new ObjectCache(settings.maxBytes(), settings.maxObjectBytes(), settings.ttl().toNanos());
    origin = new OriginClient(settings, context);
    slots = new Semaphore(settings.maxConnections());
    workers = Executors.newFixedThreadPool(settings.maxConnections(), daemon("activecdn-connection"));
    deadlines = new ScheduledThreadPoolExecutor(1, daemon("activecdn-deadlines"));
    deadlines.setRemoveOnCancelPolicy(true);
    ConnectionHandler handler = new ConnectionHandler(cache, origin, counters, context::nanoTime);
    running = true;
    acceptor = daemon("activecdn-accept").newThread(() -> acceptLoop(handler));
    acceptor.start();
  }

  private static ThreadFactory daemon(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }

  /** Accepts until stopped; a failed accept (a client gone before it was taken) is counted, not fatal. */
  private void acceptLoop(ConnectionHandler handler) {
    int failures = 0;
    while (running && failures < MAX_FAILURES_IN_A_ROW) {
      try {
        Optional<TcpConnection> accepted = listener.accept(POLL);
        if (accepted.isPresent()) {
          dispatch(accepted.get(), handler);
        }
        failures = 0;
      } catch (IOException | RuntimeException e) {
        failures++;
        counters.increment("accept-errors");
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /**
   * Hands the connection to a worker under a deadline for its request, or answers 503 when all
   * {@code max-connections} stay taken for {@link #SLOT_WAIT}: a client that has read its whole answer may ask
   * again before the worker that wrote it has given its slot back, and is not turned away for that.
   */
  private void dispatch(TcpConnection connection, ConnectionHandler handler) throws InterruptedException {
    if (!slots.tryAcquire(SLOT_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
      counters.increment("refused-connections");
      try (connection) {
        connection.output().write(BUSY);
      } catch (IOException ignored) {
        // a client refused for load that also went away: nothing to add
      }
      return;
    }
    AtomicReference<ScheduledFuture<?>> deadline = new AtomicReference<>(cutOff(connection,
        settings.requestTimeout()));
    open.add(connection);
    workers.execute(() -> {
      try {
        handler.serve(connection, () -> deadline.getAndSet(cutOff(connection,
            settings.requestTimeout().plus(settings.originTimeout()))).cancel(false));
      } finally {
        deadline.get().cancel(false);
        open.remove(connection);
        slots.release();
        close(connection);
      }
    });
  }

  /** Closes {@code connection} after {@code after}, unless cancelled first: a slow client holds no worker long. */
  private ScheduledFuture<?> cutOff(TcpConnection connection, Duration after) {
    return deadlines.schedule(() -> {
      counters.increment("timed-out-connections");
      close(connection);
    }, after.toMillis(), TimeUnit.MILLISECONDS);
  }

  private static void close(TcpConnection connection) {
    try {
      connection.close();
    } catch (IOException ignored) {
      // closing is all that is left to do
    }
  }

  @Override
  public Verdict process(Packet packet, ModuleContext context) {
    return Verdict.FORWARD;
  }

  @Override
  public synchronized void stop() {
    if (!running) {
      return;
    }
    running = false;
    try {
      acceptor.join(POLL.toMillis() * 5);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    open.forEach(ActiveCdn::close);
    workers.shutdownNow();
    deadlines.shutdownNow();
    origin.close();
    try {
      listener.close();
    } catch (IOException ignored) {
      // closing is all that is left to do
    }
  }

  @Override
  public Map<String, Object> report() {
    Map<String, Object> report = new LinkedHashMap<>(counters.asMap());
    ObjectCache c = cache;
    if (c != null) {
      report.put("cached-objects", c.size());
      report.put("cached-bytes", c.bytes());
    }
    report.put("active-connections", open.size());
    report.put("running", running);
    return report;
  }
}
