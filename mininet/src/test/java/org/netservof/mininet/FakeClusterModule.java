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
  private final List<String> members;

  /** The members as this module announces them (every member the test runs), over a store that always writes. */
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

  /** @param members every member's instance id, this one's included: a node held by one of them is held */
  FakeClusterModule(String instanceId, List<String> members) {
    super(NAME, Set.of(ClusterService.class), Set.of(), List.of());
    this.instanceId = instanceId;
    this.members = List.copyOf(members);
  }

  @Override
  public void init(ModuleContext context) {
    Instant since = context.clock().instant();
    context.provide(ClusterService.class, new FakeCluster(instanceId, members.stream()
        .map(id -> new ClusterMember(id, "", "", since, id.equals(instanceId))).toList()));
  }
}
