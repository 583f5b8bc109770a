package org.netservof.controller.cluster;

import java.util.List;
import java.util.function.Supplier;
import org.netservof.controller.api.cluster.ClusterMember;
import org.netservof.controller.api.cluster.ClusterService;

/** A controller alone: a cluster of one, itself, over a store only it writes. */
final class LocalCluster implements ClusterService {
  private final Supplier<ClusterMember> self;

  LocalCluster(Supplier<ClusterMember> self) {
    this.self = self;
  }

  @Override
  public boolean clustered() {
    return false;
  }

  @Override
  public String instanceId() {
    return self.get().instanceId();
  }

  @Override
  public List<ClusterMember> members() {
    return List.of(self.get());
  }

  @Override
  public StoreHealth storeHealth() {
    return new StoreHealth(true, "local store: this controller alone writes it");
  }
}
