package org.netservof.node.container;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import java.util.function.LongSupplier;
import org.netservof.node.api.ModuleContext;
import org.netservof.node.api.NetServModule;
import org.netservof.node.api.Packet;
import org.netservof.node.api.Verdict;
import org.netservof.protocol.node.ReportLimits;

/**
 * Hands each packet to each module of the container, in install order, until one drops it. Times every
 * call: a module that throws, or takes longer than its budget, is counted, and unloaded once it has done so
 * {@code maxFailures} times within {@link #WINDOW_NANOS}, without stopping the others. The budget is wall
 * time, so a call that was preempted or paused by the garbage collector can overrun it; the window keeps
 * such rare overruns from adding up to an unload over hours. Packets modules emit go out after the packet
 * that caused them. Property updates run on the packet thread between packets ({@link #runPending}), so a module's
 * {@code update} never overlaps its {@code process}; published reports pass the module's own
 * {@link ReportLimits} before they reach {@code onReport}.
 */
public final class Dispatcher {
  /** Failures count towards an unload for this long. */
  public static final long WINDOW_NANOS = 10_000_000_000L;
  private final long budgetNanos;
  private final int maxFailures;
  private final LongSupplier clock;
  private final BiConsumer<String, String> onUnload;
  private final BiConsumer<String, Map<String, Object>> onReport;
  private final Queue<Runnable> pending = new ConcurrentLinkedQueue<>();
  private final List<LoadedModule> modules = new CopyOnWriteArrayList<>();
  private final List<Packet> emitted = new ArrayList<>();
  private volatile String current;
  private volatile long currentSince;

  /**
   * @param onUnload told (module, reason) when a module is unloaded for misbehaving
   */
  public Dispatcher(long budgetNanos, int maxFailures, LongSupplier clock, BiConsumer<String, String> onUnload) {
    this(budgetNanos, maxFailures, clock, onUnload, (module, report) -> {});
  }

  /**
   * @param onUnload told (module, reason) when a module is unloaded for misbehaving
   * @param onReport told (module, report) of each report a module publishes within its limits
   */
  public Dispatcher(long budgetNanos, int maxFailures, LongSupplier clock, BiConsumer<String, String> onUnload,
      BiConsumer<String, Map<String, Object>> onReport) {
    this.budgetNanos = budgetNanos;
    this.maxFailures = maxFailures;
    this.clock = clock;
    this.onUnload = onUnload;
    this.onReport = onReport;
  }

  /** Starts a module that cannot listen (there is no agent to ask) and appends it to the chain. */
  public void add(String name, NetServModule module, Map<String, String> properties, ModuleClassLoader loader)
      throws Exception {
    add(name, module, properties, loader, new ModuleSockets(null));
  }

  /** Starts a module whose listening sockets come from {@code sockets} and appends it to the chain. */
  void add(String name, NetServModule module, Map<String, String> properties, ModuleClassLoader loader,
      ModuleSockets sockets) throws Exception {
    Optional<LoadedModule> existing = find(name);
    if (existing.isPresent() && existing.get().loaded) {
      throw new IllegalArgumentException("module " + name + " is loaded already");
    }
    existing.ifPresent(modules::remove); // an earlier copy that was unloaded for misbehaving
    LoadedModule m = new LoadedModule(name, module, loader, sockets);
    m.context = context(m, properties);
    try {
      module.start(m.context);
    } catch (Exception e) {
      sockets.close(); // what it opened before failing goes with it
      throw e;
    }
    modules.add(m);
  }

  /**
   * Gives a running module new properties through its {@code update}, on the packet thread at its next turn
   * ({@link #runPending}); the future holds an error in the user's words, or "" once applied.
   */
  public CompletableFuture<String> update(String name, Map<String, String> properties) {
    CompletableFuture<String> done = new CompletableFuture<>();
    pending.add(() -> done.complete(applyUpdate(name, properties)));
    return done;
  }

  /** Runs the updates waiting for the packet thread; the packet loop calls it between packets. */
  public void runPending() {
    Runnable task;
    while ((task = pending.poll()) != null) {
      task.run();
    }
  }

  private String applyUpdate(String name, Map<String, String> properties) {
    Optional<LoadedModule> found = find(name).filter(m -> m.loaded);
    if (found.isEmpty()) {
      return "no module " + name + " runs in this container";
    }
    LoadedModule m = found.get();
    m.context = context(m, properties);
    current = m.name;
    currentSince = clock.getAsLong();
    try {
      m.module.update(m.context);
      m.status = "running";
      return "";
    } catch (Throwable t) {
      m.errors.incrementAndGet();
      failed(m, "update threw " + t);
      return "the module's update failed: " + t;
    } finally {
      current = null;
    }
  }

  private ModuleContext context(LoadedModule m, Map<String, String> properties) {
    return new ChainContext(Map.copyOf(properties), emitted, clock, m.sockets, report -> publish(m, report));
  }

  /** A module's report, sent on unless it breaks its limits (then dropped and counted). */
  private void publish(LoadedModule m, Map<String, Object> report) {
    Optional<String> refused;
    synchronized (m.reports) { // a module may publish from a thread of its own
      refused = m.reports.refuse(report, clock.getAsLong());
    }
    if (refused.isEmpty()) {
      onReport.accept(m.name, report);
    }
  }

  /** Stops and removes a module; false when there is none of that name. */
  public boolean remove(String name) {
    Optional<LoadedModule> m = find(name);
    m.ifPresent(this::retire);
    m.ifPresent(modules::remove);
    return m.isPresent();
  }

  /**
   * Runs the chain on one packet.
   *
   * @param out receives the packets to send, in order: the packet itself unless dropped, then what the
   *     modules emitted
   */
  public Verdict dispatch(Packet packet, List<Packet> out) {
    emitted.clear();
    Verdict verdict = Verdict.FORWARD;
    for (LoadedModule m : modules) {
      if (!m.loaded) {
        continue;
      }
      m.in.incrementAndGet();
      int emittedBefore = emitted.size();
      verdict = call(m, packet);
      m.emitted.addAndGet(emitted.size() - emittedBefore);
      if (verdict == Verdict.DROP) {
        m.dropped.incrementAndGet();
        break;
      }
      m.out.incrementAndGet();
    }
    if (verdict == Verdict.FORWARD) {
      out.add(packet);
    }
    out.addAll(emitted);
    return verdict;
  }

  /** One timed module call; a module that throws forwards the packet and counts a failure, as does an overrun. */
  private Verdict call(LoadedModule m, Packet packet) {
    Verdict verdict;
    current = m.name;
    long start = clock.getAsLong();
    currentSince = start;
    try {
      verdict = m.module.process(packet, m.context);
    } catch (Throwable t) {
      verdict = Verdict.FORWARD; // a failing module must not eat traffic
      m.errors.incrementAndGet();
      failed(m, "threw " + t);
    } finally {
      long took = clock.getAsLong() - start;
      current = null;
      m.nanos.addAndGet(took);
      if (took > budgetNanos) {
        m.overruns.incrementAndGet();
        failed(m, "overran its " + budgetNanos / 1000 + " us budget (" + took / 1000
            + " us)");
      }
    }
    return verdict;
  }

  /** The module whose call is running now, and since when (for the watchdog); empty between calls. */
  public Optional<String> running(long[] since) {
    String name = current;
    since[0] = currentSince;
    return Optional.ofNullable(name);
  }

  public List<LoadedModule> modules() {
    return List.copyOf(modules);
  }

  public boolean isEmpty() {
    return modules.isEmpty();
  }

  private void failed(LoadedModule m, String what) {
    m.status = what;
    long now = clock.getAsLong();
    if (now - m.windowStart > WINDOW_NANOS) {
      m.windowStart = now;
      m.windowFailures = 0;
    }
    if (++m.windowFailures >= maxFailures && m.loaded) {
      String reason = "unloaded after " + m.windowFailures + " failures in " + WINDOW_NANOS / 1_000_000_000L
          + " s: last " + what;
      retire(m);
      m.status = reason;
      onUnload.accept(m.name, reason);
    }
  }

  private void retire(LoadedModule m) {
    m.loaded = false;
    try {
      m.module.stop();
    } catch (Throwable t) {
      m.status = "stop threw " + t;
    }
    m.sockets.close(); // a server module's ports go with it, closed or not
    try {
      if (m.loader != null) {
        m.loader.close();
      }
    } catch (java.io.IOException e) {
      // closing only lets go of bytes in memory
    }
  }

  private Optional<LoadedModule> find(String name) {
    return modules.stream().filter(m -> m.name.equals(name)).findFirst();
  }

  /** For tests: a module by name. */
  Optional<NetServModule> module(String name) {
    return find(name).map(m -> m.module);
  }
}
