package org.netservof.bridge.api;

import java.util.Map;
import org.projectfloodlight.openflow.types.DatapathId;

/**
 * Steering's audits of the switches against intent (on connect and every {@code steering.reconcile-interval}):
 * counters of what they repaired, per switch, for the REST layer and metrics. Each repair is also a
 * {@link SteeringListener#reconciled} event.
 */
public interface ReconcileService {
  /** Repairs per switch audited since the controller started, including switches that left since. */
  Map<DatapathId, RepairCounts> repairs();
}
