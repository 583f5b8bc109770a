package org.netservof.controller.cluster;

import java.util.function.Consumer;
import org.projectfloodlight.openflow.types.DatapathId;

/** One election per switch, among the members connected to it: etcd's in a cluster, a fake in tests. */
interface Elections {

  /**
   * Stands for master of the switch under this member's current lease, and tells {@code leaders} each leader
   * it sees from now on (the current one first, when there is one), from any thread, until withdrawn.
   */
  Candidacy join(DatapathId dpid, Consumer<Leader> leaders);

  /** A member's standing in one switch's election. */
  interface Candidacy {
    /** Leaves the election (resigning the lead if held) and stops telling leaders; idempotent. */
    void withdraw();
  }
}
