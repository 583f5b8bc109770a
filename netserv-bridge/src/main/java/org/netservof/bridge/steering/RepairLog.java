package org.netservof.bridge.steering;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.netservof.bridge.api.ReconcileEvent;
import org.netservof.bridge.api.ReconcileService;
import org.netservof.bridge.api.RepairCounts;
import org.projectfloodlight.openflow.types.DatapathId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The record of steering's audits: counters per switch ({@link ReconcileService}), a log line per repair with
 * the switch and the entry's cookie, and a {@code reconcile} event per switch an audit repaired.
 */
final class RepairLog implements ReconcileService {
  private static final Logger log = LoggerFactory.getLogger(RepairLog.class);
  /** Repairs named in one event; the counts cover all of them. */
  static final int EVENT_DETAIL = 20;

  private final Map<DatapathId, RepairCounts> counts = new ConcurrentHashMap<>();
  private final SteeringListeners listeners;

  RepairLog(SteeringListeners listeners) {
    this.listeners = listeners;
  }

  @Override
  public Map<DatapathId, RepairCounts> repairs() {
    return new TreeMap<>(counts);
  }

  /** Records an audit of switches; only those with repairs are logged and announced. */
  void audited(Iterable<DatapathId> switches, Repairs repairs, String why) {
    for (DatapathId dpid : switches) {
      List<Repairs.Repair> found = repairs.found().getOrDefault(dpid, List.of());
      int added = count(found, Repairs.Kind.ADDED);
      int modified = count(found, Repairs.Kind.MODIFIED);
      int deleted = count(found, Repairs.Kind.DELETED);
      counts.merge(dpid, RepairCounts.NONE.plus(added, modified, deleted),
          (old, one) -> old.plus(added, modified, deleted));
      if (found.isEmpty()) {
        continue;
      }
      found.forEach(r -> log.info("switch {}: audit ({}) {} {}", dpid, why, r.kind().name().toLowerCase(), r.what()));
      List<String> detail = found.stream().limit(EVENT_DETAIL)
          .map(r -> r.kind().name().toLowerCase() + " " + r.what()).toList();
      ReconcileEvent event = new ReconcileEvent(dpid.toString(), why, added, modified, deleted, detail);
      listeners.tell(l -> l.reconciled(event));
    }
  }

  private static int count(List<Repairs.Repair> found, Repairs.Kind kind) {
    return (int) found.stream().filter(r -> r.kind() == kind).count();
  }
}
