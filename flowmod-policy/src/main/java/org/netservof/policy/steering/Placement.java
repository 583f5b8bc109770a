package org.netservof.policy.steering;

/** How a switch's classifier entries place a service's flows on nodes. */
public enum Placement {
  /** Reactive: matching packets go to the controller, which picks a node per flow (works on OpenFlow 1.0). */
  TRAP,
  /** Proactive: a SELECT group with one weighted bucket per healthy node; the switch hashes each flow. */
  GROUP,
  /**
   * Proactive without groups: the flow space is cut into slots by low bits of the source port (or source
   * address), each slot assigned to a node by rendezvous hashing, so a node that leaves takes only its own
   * slots away. For switches whose SELECT groups do not keep flows in place when buckets change.
   */
  SPLIT
}
