package org.netservof.bridge.api;

/** Told about steering changes; called on a controller thread, must not block. */
public interface SteeringListener {
  default void serviceRegistered(ServiceInfo service) {}

  /** @param reason "removed", "ttl expired", ... */
  default void serviceRemoved(ServiceInfo service, String reason) {}

  /** A node's health or drain state changed. */
  default void nodeChanged(NodeView node) {}

  /** An audit found a switch unlike intent and repaired it (see {@link ReconcileService}). */
  default void reconciled(ReconcileEvent event) {}

  /** A user's meter dropped packets since the previous read of the switch's meter statistics. */
  default void violation(MeterViolation violation) {}
}
