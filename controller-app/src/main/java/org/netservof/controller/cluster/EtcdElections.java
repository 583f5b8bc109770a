package org.netservof.controller.cluster;

import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.netservof.controller.store.etcd.EtcdConnection;
import org.projectfloodlight.openflow.types.DatapathId;

/**
 * The switches' elections on etcd, through jetcd's Election client: one election per DPID under
 * {@code <namespace>mastership/<dpid>}, every candidacy attached to the member's lease, so a member that dies
 * or is cut off loses every lead it held when its lease expires.
 */
final class EtcdElections implements Elections {
  private final EtcdConnection etcd;
  private final Supplier<String> instanceId;
  private final LongSupplier lease;
  private final ScheduledExecutorService retries;

  /** @param lease this member's current lease id */
  EtcdElections(EtcdConnection etcd, Supplier<String> instanceId, LongSupplier lease,
      ScheduledExecutorService retries) {
    this.etcd = etcd;
    this.instanceId = instanceId;
    this.lease = lease;
    this.retries = retries;
  }

  /** The election's name: the prefix its candidates' keys live under. */
  static String name(DatapathId dpid) {
    return "mastership/" + dpid;
  }

  EtcdConnection etcd() {
    return etcd;
  }

  String instanceId() {
    return instanceId.get();
  }

  ScheduledExecutorService retries() {
    return retries;
  }

  @Override
  public Candidacy join(DatapathId dpid, Consumer<Leader> leaders) {
    EtcdCandidacy candidacy = new EtcdCandidacy(this, dpid, lease.getAsLong(), leaders);
    candidacy.start();
    return candidacy;
  }
}
