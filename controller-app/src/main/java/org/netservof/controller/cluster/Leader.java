package org.netservof.controller.cluster;

import java.util.Objects;

/**
 * The member a switch's election chose, as a member observed it.
 *
 * @param instanceId the leader's {@code instance-id}
 * @param generation the election's revision for this leader: the role request's {@code generation_id}
 * @param self whether the leader is the observing member under its current lease (its old lease's candidacy,
 *     still in etcd until the lease expires, is not itself)
 */
record Leader(String instanceId, long generation, boolean self) {
  Leader {
    Objects.requireNonNull(instanceId, "instanceId");
    if (generation <= 0) {
      throw new IllegalArgumentException("an elected leader's generation is positive, was " + generation);
    }
  }
}
