package org.netservof.node.agent;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.netservof.protocol.node.ChannelMessage;
import org.netservof.protocol.node.ContainerMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's containers, one JVM per user: started on the user's first install, given back its modules and
 * restarted when it crashes (without a module that hung it), stopped when its last module goes. The
 * controller hears when a container becomes ready and when it stops being ready. Installs, updates, removals
 * and restarts are serialised per user, on the user's slot, and only there: each may wait up to
 * {@link #ANSWER_SECONDS} for the container's answer, and a module is third-party code, so a user whose module
 * hangs must hold up no other user. No lock spans two users' slots or the whole node.
 */
final class ContainerSupervisor {
  private static final Logger log = LoggerFactory.getLogger(ContainerSupervisor.class);
  private static final long ANSWER_SECONDS = 30;

  /** A module a container must have: what to load again after a restart. */
  record Wanted(String module, Path jar, String sha256, Map<String, String> properties) {}

  /** One user's container and what it should run. */
  private static final class Slot {
    final String user;
    final int vlan;
    /** Held across each change of this container, its round trips included: install, update, remove, restart. */
    final ReentrantLock lock = new ReentrantLock();
    /** In install order (a restart loads them in it); replaced whole under the lock, so readers need none. */
    private volatile Map<String, Wanted> modules = Map.of();
    final Set<String> hung = ConcurrentHashMap.newKeySet();
    volatile ContainerProcess process;
    volatile boolean stopping;
    volatile int restarts;
    volatile ChannelMessage.ContainerStats lastStats;

    Slot(String user, int vlan) {
      this.user = user;
      this.vlan = vlan;
    }

    Map<String, Wanted> modules() {
      return modules;
    }

    void put(Wanted module) {
      Map<String, Wanted> next = new LinkedHashMap<>(modules);
      next.put(module.module(), module);
      modules = Collections.unmodifiableMap(next);
    }

    void drop(String module) {
      Map<String, Wanted> next = new LinkedHashMap<>(modules);
      next.remove(module);
      modules = Collections.unmodifiableMap(next);
    }
  }

  private final ContainerLauncher launcher;
  private final long restartDelayMillis;
  private final Consumer<ChannelMessage> onState;
  private final ModuleReports reports = new ModuleReports();
  private final Map<String, Slot> slots = new ConcurrentHashMap<>();

  /**
   * @param launcher starts each container confined to what it is given
   * @param restartDelayMillis the wait before restarting a crashed container, doubled on each restart
   * @param onState told when a container becomes ready or stops being ready, and of the reports its modules
   *     publish, to tell the controller
   */
  ContainerSupervisor(ContainerLauncher launcher, long restartDelayMillis, Consumer<ChannelMessage> onState) {
    this.launcher = launcher;
    this.restartDelayMillis = restartDelayMillis;
    this.onState = onState;
  }

  /**
   * Loads a module into the user's container, starting the container first if it is not running.
   *
   * @throws IOException naming what failed; the container stops again if it has no other module
   */
  void install(String user, int vlan, Wanted module) throws IOException {
    Slot slot = lockOrCreate(user, vlan);
    try {
      installLocked(slot, vlan, module);
    } finally {
      slot.lock.unlock();
    }
  }

  /**
   * Gives a running module new properties (its {@code update}, no restart); a restart of the container loads it
   * with them from then on.
   *
   * @throws IOException when the user's container does not run the module, or the module's update failed
   */
  void update(String user, String module, Map<String, String> properties) throws IOException {
    Slot slot = lockRunning(user, module);
    try {
      ContainerMessage.Done done = (ContainerMessage.Done) ask(slot, new ContainerMessage.Update(module, properties));
      if (!done.ok()) {
        throw new IOException(done.error());
      }
      Wanted w = slot.modules().get(module);
      slot.put(new Wanted(module, w.jar(), w.sha256(), Map.copyOf(properties)));
    } finally {
      slot.lock.unlock();
    }
  }

  /** Unloads a module; the container stops when it was the last one. */
  void remove(String user, String module) throws IOException {
    Slot slot = lockRunning(user, module);
    try {
      slot.drop(module);
      reports.forget(user, module);
      if (slot.modules().isEmpty()) {
        stopSlot(slot, "its last module was removed");
        return;
      }
      ask(slot, new ContainerMessage.Unload(module));
    } finally {
      slot.lock.unlock();
    }
  }

  /** The states of the running containers, to tell a controller that (re)connects. */
  List<ChannelMessage.ContainerState> states() {
    return slots.values().stream().filter(s -> s.process != null && s.process.isAlive())
        .map(s -> state(s, true, "running")).toList();
  }

  /**
   * Every container's counters, as last reported; asks each for fresh ones for next time, so a container
   * that does not answer never holds up a heartbeat.
   */
  List<ChannelMessage.ContainerStats> stats() {
    List<ChannelMessage.ContainerStats> out = new ArrayList<>();
    for (Slot slot : slots.values()) {
      ContainerProcess p = slot.process;
      boolean alive = p != null && p.isAlive();
      if (alive) {
        p.ask(new ContainerMessage.StatsRequest()).thenAccept(answer -> {
          if (answer instanceof ContainerMessage.Stats s) {
            slot.lastStats = s.stats();
          }
        });
      }
      ChannelMessage.ContainerStats last = slot.lastStats;
      out.add(last == null
          ? new ChannelMessage.ContainerStats(slot.user, slot.vlan, alive, slot.restarts, 0, 0, 0, 0, List.of())
          : new ChannelMessage.ContainerStats(slot.user, slot.vlan, alive, slot.restarts, last.memoryKb(),
              last.packetsIn(), last.packetsOut(), last.linkDownDrops(), last.modules()));
    }
    return out;
  }

  void stopAll() {
    for (Slot slot : List.copyOf(slots.values())) {
      stopSlot(slot, "the node agent is stopping");
    }
  }

  private void installLocked(Slot slot, int vlan, Wanted module) throws IOException {
    if (slot.vlan != vlan) {
      throw new IOException("the container of " + slot.user + " runs with mark " + slot.vlan + ", not " + vlan);
    }
    if (slot.modules().containsKey(module.module())) {
      throw new IOException("the container of " + slot.user + " runs " + module.module() + " already");
    }
    if (slot.process == null) {
      launchFirst(slot);
    }
    ContainerMessage.Done done;
    try {
      done = load(slot, module);
    } catch (IOException e) {
      done = new ContainerMessage.Done(module.module(), false, e.getMessage());
    }
    if (!done.ok()) {
      if (slot.modules().isEmpty()) {
        stopSlot(slot, "its only module failed to load");
      }
      throw new IOException(done.error());
    }
    slot.put(module);
    slot.hung.remove(module.module());
    onState.accept(state(slot, true, "installed " + module.module()));
  }

  /** The user's slot, a new one when there is none, locked by this thread; the caller unlocks it. */
  private Slot lockOrCreate(String user, int vlan) {
    while (true) {
      Slot slot = slots.computeIfAbsent(user, u -> new Slot(u, vlan));
      if (lockIfCurrent(slot)) {
        return slot;
      }
    }
  }

  /** The user's slot that runs {@code module}, locked by this thread; the caller unlocks it. */
  private Slot lockRunning(String user, String module) throws IOException {
    for (Slot slot = slots.get(user); slot != null; slot = slots.get(user)) {
      if (lockIfCurrent(slot)) {
        if (slot.modules().containsKey(module)) {
          return slot;
        }
        slot.lock.unlock();
        break;
      }
    }
    throw new IOException("the container of " + user + " has no module " + module);
  }

  /** Locks a slot unless it was stopped (and so left the map) while this thread waited for it. */
  private boolean lockIfCurrent(Slot slot) {
    slot.lock.lock();
    if (slots.get(slot.user) == slot) {
      return true;
    }
    slot.lock.unlock();
    return false;
  }

  /** Starts a new slot's container; a slot whose container did not start is let go again, unannounced. */
  private void launchFirst(Slot slot) throws IOException {
    try {
      launch(slot, "first module");
    } catch (IOException | RuntimeException e) {
      launcher.forget(slot.user);
      slots.remove(slot.user, slot); // last, as in stopSlot
      throw e;
    }
  }

  private ChannelMessage.ContainerState state(Slot slot, boolean ready, String reason) {
    return new ChannelMessage.ContainerState(slot.user, slot.vlan, ready, List.copyOf(slot.modules().keySet()), reason);
  }

  private void launch(Slot slot, String why) throws IOException {
    ContainerProcess p = launcher.launch(slot.user, slot.vlan, event -> onEvent(slot, event));
    slot.process = p;
    slot.lastStats = null;
    log.info("container of {} started (pid {}, mark {}): {}", slot.user, p.pid(), slot.vlan, why);
    p.onExit().thenRunAsync(() -> exited(slot, p));
  }

  /** A container exited on its own: tell the controller, then start it again with its modules. */
  private void exited(Slot slot, ContainerProcess p) {
    if (slot.stopping || slot.process != p) {
      return;
    }
    String reason = "container exited with " + p.onExit().join().exitValue();
    log.warn("container of {} died: {}; restarting it", slot.user, reason);
    onState.accept(state(slot, false, reason));
    try {
      Thread.sleep(Math.min(Math.max(5000, restartDelayMillis), restartDelayMillis << Math.min(slot.restarts, 5)));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    if (!lockIfCurrent(slot)) {
      return;
    }
    try {
      if (!slot.stopping && slot.process == p) {
        restart(slot, reason);
      }
    } finally {
      slot.lock.unlock();
    }
  }

  /** Starts a crashed container again with its modules; the caller holds the slot's lock. */
  private void restart(Slot slot, String reason) {
    try {
      slot.restarts++;
      launch(slot, "restart " + slot.restarts + " after " + reason);
      reloadModules(slot);
      if (slot.modules().isEmpty()) {
        stopSlot(slot, "no module left to run after the restart");
      } else {
        onState.accept(state(slot, true, "restarted after " + reason));
      }
    } catch (IOException e) {
      log.error("cannot restart the container of {}: {}", slot.user, e.getMessage());
    }
  }

  /** Loads the slot's modules into its restarted container; one that hung it, or fails to load, is dropped. */
  private void reloadModules(Slot slot) throws IOException {
    for (Wanted w : slot.modules().values()) {
      if (slot.hung.contains(w.module())) {
        log.warn("not loading {} again into the container of {}: it hung the container", w.module(), slot.user);
        slot.drop(w.module());
        continue;
      }
      ContainerMessage.Done done = load(slot, w);
      if (!done.ok()) {
        log.warn("module {} did not load again for {}: {}", w.module(), slot.user, done.error());
        slot.drop(w.module());
      }
    }
  }

  private void onEvent(Slot slot, ContainerMessage event) {
    if (event instanceof ContainerMessage.Hung hung) {
      slot.hung.add(hung.module());
      log.warn("module {} hung the container of {} ({} ms)", hung.module(), slot.user, hung.millis());
    } else if (event instanceof ContainerMessage.Report report) {
      reports.admit(slot.user, slot.modules().keySet(), report, System.nanoTime()).ifPresent(onState);
    } else if (event instanceof ContainerMessage.ModuleUnloaded unloaded) {
      log.warn("the container of {} unloaded {}: {}", slot.user, unloaded.module(), unloaded.reason());
    }
  }

  private ContainerMessage.Done load(Slot slot, Wanted module) throws IOException {
    Path copy = launcher.moduleCopy(slot.user, module.jar(), module.sha256());
    return (ContainerMessage.Done) ask(slot, new ContainerMessage.Load(module.module(), copy.toString(),
        module.sha256(), module.properties()));
  }

  private ContainerMessage ask(Slot slot, ContainerMessage command) throws IOException {
    try {
      return slot.process.ask(command).get(ANSWER_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted");
    } catch (ExecutionException e) {
      throw new IOException(e.getCause().getMessage());
    } catch (TimeoutException e) {
      throw new IOException("the container of " + slot.user + " did not answer in " + ANSWER_SECONDS + " s");
    }
  }

  /**
   * Stops a slot's container and lets the slot go. It leaves the map last: until then a new install of the user
   * waits for this slot's lock, so the directory removed here is never that of the user's next container.
   */
  private void stopSlot(Slot slot, String why) {
    slot.stopping = true;
    ContainerProcess p = slot.process;
    if (p != null) {
      p.stop();
    }
    launcher.forget(slot.user);
    slots.remove(slot.user, slot);
    log.info("container of {} stopped: {}", slot.user, why);
    onState.accept(state(slot, false, why));
  }
}
