package org.netservof.controller.api.cluster;

import java.util.List;

/** The members of this controller's cluster (one, itself, when it runs alone) and the shared store's health. */
public interface ClusterService {

  /** This member's {@code instance-id}. */
  String instanceId();

  /** Whether this controller shares its intent with others ({@code store: etcd}). */
  boolean clustered();

  /** The live members, this one included, ordered by instance id. */
  List<ClusterMember> members();

  /** Whether the shared store takes writes now (etcd has quorum); always true for a local store. */
  StoreHealth storeHealth();

  /**
   * The store's health as last checked.
   *
   * @param writable whether a write would be accepted now
   * @param detail what the check found ("3 of 3 etcd members healthy", "no quorum: 1 of 3 members answer")
   */
  record StoreHealth(boolean writable, String detail) {}
}
