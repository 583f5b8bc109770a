package org.netservof.rest.server;

import java.time.Clock;
import org.netservof.bridge.api.ReconcileEvent;
import org.netservof.bridge.api.SteeringListener;

/**
 * Puts steering's repairs of the switches in the audit log beside the operators' writes, under the operator
 * "controller": an operator reading the audit sees what the controller changed on its own, and why.
 */
final class ReconcileAudit implements SteeringListener {
  private final AuditLog audit;
  private final Clock clock;

  ReconcileAudit(AuditLog audit, Clock clock) {
    this.audit = audit;
    this.clock = clock;
  }

  @Override
  public void reconciled(ReconcileEvent event) {
    String detail = event.reason() + ": " + event.added() + " added, " + event.modified() + " modified, "
        + event.deleted() + " deleted" + (event.repairs().isEmpty() ? "" : "; " + String.join("; ", event.repairs()));
    audit.event(clock.instant(), "controller", "reconcile", "switch " + event.dpid(), detail);
  }
}
