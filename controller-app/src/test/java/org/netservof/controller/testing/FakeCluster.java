package org.netservof.controller.testing;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.netservof.controller.api.ModuleContext;
import org.netservof.controller.api.cluster.ClusterMember;
import org.netservof.controller.api.cluster.ClusterService;
import org.netservof.controller.api.cluster.MastershipListener;
import org.netservof.controller.api.cluster.MastershipService;
import org.netservof.controller.api.cluster.SwitchRole;
import org.netservof.controller.module.BaseModule;
import org.netservof.controller.util.EventSource;
import org.projectfloodlight.openflow.types.DatapathId;

/**
 * A cluster member as a test sets it up: members, store health and roles are what the test says, and a role
 * the test changes is told to the listeners, as the cluster module does when an election turns. It is also
 * the module that provides it ({@link #module()}), named {@code fake-cluster}.
 */
public final class FakeCluster extends EventSource<MastershipListener> implements ClusterService, MastershipService {
  private final String self;
  private final Map<String, ClusterMember> members = new ConcurrentHashMap<>();
  private final Map<DatapathId, SwitchRole> roles = new ConcurrentHashMap<>();
  private volatile StoreHealth health = new StoreHealth(true, "3 of 3 etcd members healthy");

  public FakeCluster(String self) {
    this.self = self;
  }

  public FakeCluster member(ClusterMember member) {
    members.put(member.instanceId(), member);
    return this;
  }

  public FakeCluster leave(String instanceId) {
    members.remove(instanceId);
    return this;
  }

  public FakeCluster health(StoreHealth next) {
    health = next;
    return this;
  }

  /** Sets this member's role for a switch and tells the listeners. */
  public FakeCluster role(SwitchRole role) {
    roles.put(role.dpid(), role);
    tell(l -> l.roleChanged(role), "role of " + role.dpid());
    return this;
  }

  @Override
  public String instanceId() {
    return self;
  }

  @Override
  public List<ClusterMember> members() {
    return List.copyOf(new TreeMap<>(members).values());
  }

  @Override
  public boolean clustered() {
    return true;
  }

  @Override
  public Collection<SwitchRole> roles() {
    return List.copyOf(roles.values());
  }

  @Override
  public StoreHealth storeHealth() {
    return health;
  }

  @Override
  public Optional<SwitchRole> role(DatapathId dpid) {
    return Optional.ofNullable(roles.get(dpid));
  }

  /** The module that provides this fake as the cluster's services. */
  public BaseModule module() {
    FakeCluster cluster = this;
    return new BaseModule("fake-cluster", Set.of(ClusterService.class, MastershipService.class), Set.of(),
        List.of()) {
      @Override
      public void init(ModuleContext context) {
        context.provide(ClusterService.class, cluster);
        context.provide(MastershipService.class, cluster);
      }
    };
  }
}
