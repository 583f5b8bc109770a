package org.netservof.controller.staticentry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import org.netservof.controller.api.OFSwitch;
import org.netservof.controller.api.SwitchSetup;
import org.netservof.controller.api.SwitchService;
import org.netservof.controller.api.staticentry.StaticEntry;
import org.netservof.controller.api.staticentry.StaticEntryAdminService;
import org.netservof.controller.api.staticentry.StaticEntryService;
import org.netservof.controller.api.staticentry.StaticEntryStore;
import org.netservof.controller.api.staticentry.UnknownSwitchException;
import org.netservof.controller.api.store.StoreEvent;
import org.netservof.controller.api.store.StoreListener;
import org.netservof.controller.api.store.Versioned;
import org.projectfloodlight.openflow.protocol.OFGroupAdd;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.types.OFGroup;
import org.projectfloodlight.openflow.types.DatapathId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the switches in step with the {@link StaticEntryStore}.
 *
 * <p>A change through the admin service is written with a barrier and put in the store only once the switch
 * confirmed it. A change that reaches the store otherwise (another controller, a restored store, an expiry)
 * arrives as a store event and is applied to its switch the same way, in the background. Both paths run
 * under one lock and compare the store with {@link #installed}, what this controller last wrote to the
 * switches, so a change is written once whichever path sees it first. Entries are installed again, groups
 * first, whenever their switch connects (OVS may have flushed them; a restarted switch surely has).
 *
 * <p>Thread-safe. Admin calls wait for the switch (at most {@link #TIMEOUT}); store events only queue
 * work on {@code background}, so they never block a store's or a switch's thread.
 */
final class StaticEntryManager implements StaticEntryService, StaticEntryAdminService, SwitchSetup,
    StoreListener<String, StaticEntry> {
  private static final Logger log = LoggerFactory.getLogger(StaticEntryManager.class);
  /** How long a change waits for the switch's barrier reply; the REST client then gets 504. */
  static final Duration TIMEOUT = Duration.ofSeconds(15);

  /** Active entries as last written to their switch, by name. */
  private final Map<String, StaticEntry> installed = new ConcurrentHashMap<>();
  private final ReentrantLock changes = new ReentrantLock();
  private final StaticEntryStore store;
  private final SwitchService switches;
  private final Executor background;

  /**
   * @param background runs what store events and switch connections ask for, one task at a time (the
   *     module's own thread; a test's {@code Runnable::run})
   */
  StaticEntryManager(StaticEntryStore store, SwitchService switches, Executor background) {
    this.store = Objects.requireNonNull(store, "store");
    this.switches = Objects.requireNonNull(switches, "switches");
    this.background = Objects.requireNonNull(background, "background");
  }

  @Override
  public Optional<StaticEntry> get(String name) {
    return store.get(name).map(Versioned::value);
  }

  @Override
  public Map<DatapathId, List<StaticEntry>> list(Optional<DatapathId> dpid) {
    Map<DatapathId, List<StaticEntry>> out = new TreeMap<>();
    entries(dpid).stream().sorted(Comparator.comparing(StaticEntry::name))
        .forEach(e -> out.computeIfAbsent(e.dpid(), d -> new ArrayList<>()).add(e));
    return out;
  }

  @Override
  public void push(StaticEntry entry) throws Exception {
    connected(entry.dpid());
    changes.lock();
    try {
      write(get(entry.name()), entry);
      store.put(entry.name(), entry, Optional.empty());
      log.info("static entry {} on {}: {}", entry.name(), entry.dpid(), entry.active() ? "installed" : "stored, inactive");
    } finally {
      changes.unlock();
    }
  }

  @Override
  public boolean remove(String name) throws Exception {
    changes.lock();
    try {
      Optional<StaticEntry> entry = get(name);
      if (entry.isEmpty()) {
        return false;
      }
      removeFromSwitch(entry.get());
      store.remove(name);
      return true;
    } finally {
      changes.unlock();
    }
  }

  @Override
  public int clear(Optional<DatapathId> dpid) throws Exception {
    changes.lock();
    try {
      List<StaticEntry> doomed = entries(dpid).stream().sorted(Comparator.comparing(StaticEntry::isGroup)).toList();
      for (StaticEntry e : doomed) {
        removeFromSwitch(e);
        store.remove(e.name());
      }
      return doomed.size();
    } finally {
      changes.unlock();
    }
  }

  /** A change of the store, by this controller or another: the switch follows it, in the background. */
  @Override
  public void changed(StoreEvent<String, StaticEntry> event) {
    background.execute(() -> reconcile(event.key()));
  }


  /** Makes the entry's switch hold what the store holds now, unless it does already. */
  private void reconcile(String name) {
    changes.lock();
    try {
      Optional<StaticEntry> want = get(name);
      StaticEntry have = installed.get(name);
      if (Objects.equals(want.filter(StaticEntry::active).orElse(null), have)) {
        return;
      }
      if (want.isPresent()) {
        write(Optional.ofNullable(have), want.get());
      } else {
        removeFromSwitch(have);
      }
      log.info("static entry {}: switch updated to the store's {}", name, want.isPresent() ? "entry" : "removal");
    } catch (UnknownSwitchException e) {
      log.info("static entry {}: {}; installed when it connects", name, e.getMessage());
    } catch (Exception e) {
      log.warn("static entry {}: the switch did not take the store's change: {}", name, e.getMessage());
    } finally {
      changes.unlock();
    }
  }

  /**
   * What a connecting switch receives at the STATIC stage of its set-up: its active entries, groups first,
   * which the switch manager writes and confirms with a barrier before it announces the switch.
   */
  @Override
  public CompletionStage<List<OFMessage>> messages(OFSwitch sw) {
    changes.lock();
    try {
      List<StaticEntry> mine = new ArrayList<>();
      List<OFMessage> adds = new ArrayList<>();
      for (StaticEntry e : entries(Optional.of(sw.id()))) {
        Optional<OFMessage> add = e.forVersion(sw.factory().getVersion());
        if (e.active() && add.isEmpty()) {
          log.warn("switch {}: static entry {} cannot be written in {}; push it again for this version", sw.id(),
              e.name(), sw.factory().getVersion());
        } else if (e.active()) {
          mine.add(e);
          adds.add(add.get());
        }
      }
      if (mine.isEmpty()) {
        return CompletableFuture.completedFuture(List.of());
      }
      mine.forEach(e -> installed.put(e.name(), e));
      log.info("switch {}: {} static entries written again", sw.id(), mine.size());
      return keptGroups(sw, adds).thenApply(kept -> StaticEntryMessages.reinstall(adds, sw.factory(), kept));
    } finally {
      changes.unlock();
    }
  }

  /** Writes {@code entry} over {@code old} (either may be inactive); the old one goes once the new one is in. */
  private void write(Optional<StaticEntry> old, StaticEntry entry) throws Exception {
    OFSwitch sw = connected(entry.dpid());
    OFMessage add = entry.forVersion(sw.factory().getVersion()).orElseThrow(() -> new IllegalArgumentException(
        "static entry " + entry.name() + " has no form for " + sw.factory().getVersion() + ", which switch "
            + entry.dpid() + " speaks"));
    boolean inPlace = entry.active() && old.filter(StaticEntry::active).filter(o -> o.dpid().equals(entry.dpid()))
        .flatMap(o -> o.forVersion(add.getVersion())).map(o -> StaticEntryMessages.sameObject(o, add)).orElse(false);
    if (entry.active()) {
      confirm(sw, List.of(inPlace ? StaticEntryMessages.replacing(add, sw.factory()) : add));
      installed.put(entry.name(), entry);
    }
    if (old.isPresent() && !inPlace) {
      removeFromSwitch(old.get());
    }
    if (!entry.active()) {
      installed.remove(entry.name());
    }
  }

  /** The groups a connecting switch kept, when static entries have groups to write there; empty if unknown. */
  private static CompletableFuture<Optional<Set<OFGroup>>> keptGroups(OFSwitch sw, List<OFMessage> adds) {
    if (adds.stream().noneMatch(m -> m instanceof OFGroupAdd)) {
      return CompletableFuture.completedFuture(Optional.empty());
    }
    return sw.stats(sw.factory().buildGroupDescStatsRequest().build()).<Optional<Set<OFGroup>>>thenApply(replies -> {
      Set<OFGroup> kept = new HashSet<>();
      replies.forEach(r -> r.getEntries().forEach(g -> kept.add(g.getGroup())));
      return Optional.of(kept);
    }).exceptionally(failure -> Optional.empty());
  }

  /** Deletes an active entry from its switch; nothing to ask when the switch is not connected. */
  private void removeFromSwitch(StaticEntry e) throws Exception {
    if (e == null || !e.active()) {
      return;
    }
    Optional<OFSwitch> sw = switches.getSwitch(e.dpid());
    Optional<OFMessage> add = sw.flatMap(s -> e.forVersion(s.factory().getVersion()));
    if (add.isPresent()) {
      confirm(sw.get(), List.of(StaticEntryMessages.delete(add.get(), sw.get().factory())));
    }
    installed.remove(e.name(), e);
  }

  private List<StaticEntry> entries(Optional<DatapathId> dpid) {
    return store.all().values().stream().map(Versioned::value)
        .filter(e -> dpid.isEmpty() || e.dpid().equals(dpid.get())).toList();
  }

  private OFSwitch connected(DatapathId dpid) {
    return switches.getSwitch(dpid)
        .orElseThrow(() -> new UnknownSwitchException("switch: " + dpid + " is not connected to this controller"));
  }

  private void confirm(OFSwitch sw, List<OFMessage> messages) throws Exception {
    try {
      sw.writeConfirmed(messages).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    } catch (TimeoutException e) {
      throw new TimeoutException("switch " + sw.id() + " did not confirm within " + TIMEOUT);
    }
  }
}
