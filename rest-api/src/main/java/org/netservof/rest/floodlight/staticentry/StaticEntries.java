package org.netservof.rest.floodlight.staticentry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import org.netservof.controller.api.OFSwitch;
import org.netservof.controller.api.SwitchService;
import org.netservof.controller.api.SwitchSetup;
import org.netservof.controller.api.SwitchSetupService;
import org.netservof.controller.api.SwitchSetupStage;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFFlowAdd;
import org.projectfloodlight.openflow.protocol.OFGroupAdd;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.types.DatapathId;
import org.projectfloodlight.openflow.types.OFGroup;
import org.projectfloodlight.openflow.types.OFPort;
import org.projectfloodlight.openflow.types.U64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The static entries (Floodlight's static entry pusher): a store by name, kept in step with the switches.
 *
 * <p>A change is written with a barrier and is stored only once the switch confirmed it: when the switch
 * refuses it, the caller gets the switch's error and the store and the switch stay as they were (a changed
 * entry's old version is removed only after the new one is in). Entries are installed again, groups first,
 * whenever their switch connects (OVS may have flushed them; a restarted switch surely has).
 *
 * <p>Thread-safe. Changes are serialised by one lock and wait for the switch (at most {@code timeout}); they
 * run on the REST worker threads. Reinstalling on connect never blocks the switch's I/O thread.
 *
 * <p>Not kept across controller restarts (Floodlight kept them in its storage): entries already on a switch
 * stay there, but a restarted controller does not know them.
 */
public final class StaticEntries implements SwitchSetup, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(StaticEntries.class);

  private final SwitchService switches;
  private final SwitchSetupService setups;
  private final Duration timeout;
  private final Map<String, StaticEntry> entries = new ConcurrentHashMap<>();
  private final ReentrantLock changes = new ReentrantLock();

  public StaticEntries(SwitchService switches, SwitchSetupService setups, Duration timeout) {
    this.switches = switches;
    this.setups = setups;
    this.timeout = timeout;
  }

  /** Takes part in every switch's setup, to reinstall its entries when it connects. */
  public void start() {
    setups.addSetup(SwitchSetupStage.STATIC, "static-entries", this);
  }

  @Override
  public void close() {
    setups.removeSetup(this);
  }

  /**
   * Adds an entry, or replaces the entry of the same name (which may move to another switch).
   *
   * @throws IllegalArgumentException the entry is invalid for its switch; nothing changed
   * @throws UnknownSwitchException its switch is not connected; nothing changed
   * @throws Exception the switch refused ({@code OFErrorException}) or did not answer; nothing changed
   */
  public StaticEntry push(EntryRequest request) throws Exception {
    DatapathId dpid = FloodlightEntryParser.dpid(request);
    String name = FloodlightEntryParser.name(request);
    OFSwitch sw = connected(dpid);
    StaticEntry entry = FloodlightEntryParser.parse(request, sw.factory());
    changes.lock();
    try {
      StaticEntry old = entries.get(name);
      List<OFMessage> install = new ArrayList<>();
      if (entry.active()) {
        install.add(old != null && sameObject(old, entry) && old.active() ? modify(entry, sw.factory()) : entry.add());
      }
      confirm(sw, install);
      if (old != null && old.active() && !(entry.active() && sameObject(old, entry))) {
        removeFromSwitch(old); // the new version is in: now the old one may go
      }
      entries.put(name, entry);
      log.info("static entry {} on {}: {}", name, dpid, entry.active() ? "installed" : "stored, inactive");
      return entry;
    } finally {
      changes.unlock();
    }
  }

  /**
   * Removes an entry from its switch and from the store.
   *
   * @return false when there is no entry of that name
   * @throws Exception the switch refused the removal; the entry stays
   */
  public boolean remove(String name) throws Exception {
    changes.lock();
    try {
      StaticEntry entry = entries.get(name);
      if (entry == null) {
        return false;
      }
      if (entry.active()) {
        removeFromSwitch(entry);
      }
      entries.remove(name);
      return true;
    } finally {
      changes.unlock();
    }
  }

  /**
   * Removes every entry, or every entry of one switch: flows first, then groups (a flow may use a group).
   *
   * @return how many entries were removed
   */
  public int clear(Optional<DatapathId> dpid) throws Exception {
    changes.lock();
    try {
      List<StaticEntry> doomed = entries.values().stream()
          .filter(e -> dpid.isEmpty() || e.dpid().equals(dpid.get()))
          .sorted(Comparator.comparing(StaticEntry::isGroup)).toList();
      for (StaticEntry e : doomed) {
        if (e.active()) {
          removeFromSwitch(e);
        }
        entries.remove(e.name());
      }
      return doomed.size();
    } finally {
      changes.unlock();
    }
  }

  /** The entries by switch (sorted by DPID, then name), optionally of one switch only. */
  public Map<DatapathId, List<StaticEntry>> list(Optional<DatapathId> dpid) {
    Map<DatapathId, List<StaticEntry>> out = new TreeMap<>();
    entries.values().stream().filter(e -> dpid.isEmpty() || e.dpid().equals(dpid.get()))
        .sorted(Comparator.comparing(StaticEntry::name))
        .forEach(e -> out.computeIfAbsent(e.dpid(), d -> new ArrayList<>()).add(e));
    return out;
  }

  public Optional<StaticEntry> get(String name) {
    return Optional.ofNullable(entries.get(name));
  }

  /**
   * A switch connected: its active entries are written again, groups first (each deleted, then added, since
   * it may have survived) so the flows that use them find them. The setup logs what the switch refuses.
   */
  @Override
  public CompletionStage<List<OFMessage>> messages(OFSwitch sw) {
    List<StaticEntry> mine = entries.values().stream().filter(e -> e.dpid().equals(sw.id()) && e.active())
        .sorted(Comparator.comparing((StaticEntry e) -> !e.isGroup()).thenComparing(StaticEntry::name)).toList();
    List<OFMessage> batch = new ArrayList<>();
    for (StaticEntry e : mine) {
      StaticEntry current = forVersion(e, sw.factory());
      if (current == null) {
        continue;
      }
      if (current.isGroup()) {
        OFGroupAdd g = (OFGroupAdd) current.add();
        batch.add(sw.factory().buildGroupDelete().setGroup(g.getGroup()).setGroupType(g.getGroupType()).build());
      }
      batch.add(current.add());
    }
    if (!mine.isEmpty()) {
      log.info("switch {}: {} static entries to reinstall", sw.id(), mine.size());
    }
    return CompletableFuture.completedFuture(batch);
  }

  /** The entry as the switch's version needs it: parsed again when the switch changed version. */
  private StaticEntry forVersion(StaticEntry e, OFFactory f) {
    if (e.add().getVersion() == f.getVersion()) {
      return e;
    }
    try {
      StaticEntry again = FloodlightEntryParser.parse(e.request(), f);
      entries.replace(e.name(), e, again);
      return again;
    } catch (IllegalArgumentException invalid) {
      log.warn("switch {}: static entry {} cannot be installed on {}: {}", e.dpid(), e.name(), f.getVersion(),
          invalid.getMessage());
      return null;
    }
  }

  private OFSwitch connected(DatapathId dpid) {
    return switches.getSwitch(dpid)
        .orElseThrow(() -> new UnknownSwitchException("switch: " + dpid + " is not connected to this controller"));
  }

  private void removeFromSwitch(StaticEntry e) throws Exception {
    Optional<OFSwitch> sw = switches.getSwitch(e.dpid());
    if (sw.isEmpty()) {
      return; // nothing to ask now; a switch that comes back is not given the entry again
    }
    StaticEntry current = forVersion(e, sw.get().factory());
    if (current != null) {
      confirm(sw.get(), List.of(delete(current, sw.get().factory())));
    }
  }

  private void confirm(OFSwitch sw, List<OFMessage> messages) throws Exception {
    if (messages.isEmpty()) {
      return;
    }
    try {
      sw.writeConfirmed(messages).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    } catch (TimeoutException e) {
      throw new TimeoutException("switch " + sw.id() + " did not confirm within " + timeout);
    }
  }

  /** Whether two versions of an entry are the same object on the switch (so an add or modify replaces it). */
  private static boolean sameObject(StaticEntry a, StaticEntry b) {
    if (!a.dpid().equals(b.dpid()) || a.isGroup() != b.isGroup() || a.add().getVersion() != b.add().getVersion()) {
      return false;
    }
    if (a.add() instanceof OFGroupAdd ga) {
      return ga.getGroup().equals(((OFGroupAdd) b.add()).getGroup());
    }
    OFFlowAdd fa = (OFFlowAdd) a.add();
    OFFlowAdd fb = (OFFlowAdd) b.add();
    // OpenFlow: an add with the same table, priority and match replaces the entry.
    return fa.getPriority() == fb.getPriority() && fa.getMatch().equals(fb.getMatch())
        && (fa.getVersion() == OFVersion.OF_10 || fa.getTableId().equals(fb.getTableId()));
  }

  /** A changed group is modified in place; a changed flow is simply added again (it replaces the old one). */
  private static OFMessage modify(StaticEntry e, OFFactory f) {
    if (e.add() instanceof OFGroupAdd g) {
      return f.buildGroupModify().setGroup(g.getGroup()).setGroupType(g.getGroupType()).setBuckets(g.getBuckets())
          .build();
    }
    return e.add();
  }

  /** Removes exactly this entry: strict match, priority and (1.1+) its cookie under a full mask. */
  static OFMessage delete(StaticEntry e, OFFactory f) {
    if (e.add() instanceof OFGroupAdd g) {
      return f.buildGroupDelete().setGroup(g.getGroup()).setGroupType(g.getGroupType()).build();
    }
    OFFlowAdd a = (OFFlowAdd) e.add();
    var b = f.buildFlowDeleteStrict().setMatch(a.getMatch()).setPriority(a.getPriority()).setOutPort(OFPort.ANY);
    if (f.getVersion() != OFVersion.OF_10) {
      b.setTableId(a.getTableId()).setOutGroup(OFGroup.ANY).setCookie(a.getCookie()).setCookieMask(U64.of(-1L));
    }
    return b.build();
  }
}
