package org.netservof.mininet;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.netservof.controller.api.ModuleContext;
import org.netservof.controller.api.cluster.ClusterMember;
import org.netservof.controller.api.cluster.ClusterService;
import org.netservof.controller.module.BaseModule;

/**
 * A member of a controller cluster for tests that run several controllers in one JVM over one shared store
 * ({@link SharedStoresModule}): it names the member ({@code instance-id}) and says it is clustered; it elects
 * nothing. Enabled by its name, {@code test-cluster}, in the controller's {@code modules}.
 */
final class FakeClusterModule extends BaseModule {
  static final String NAME = "test-cluster";
  private final String instanceId;

  /** The member as this module announces it: itself alone, over a store that always takes writes. */
  private record FakeCluster(String instanceId, List<ClusterMember> members) implements ClusterService {
    @Override
    public boolean clustered() {
      return true;
    }

    @Override
    public StoreHealth storeHealth() {
      return new StoreHealth(true, "one shared memory store");
    }
  }

  FakeClusterModule(String instanceId) {
    super(NAME, Set.of(ClusterService.class), Set.of(), List.of());
    this.instanceId = instanceId;
  }

  @Override
  public void init(ModuleContext context) {
    Instant since = context.clock().instant();
    context.provide(ClusterService.class, new FakeCluster(instanceId,
        List.of(new ClusterMember(instanceId, "", "", since, true))));
  }
}
