package org.netservof.bridge.deploy;

import java.util.List;
import java.util.Set;
import org.netservof.bridge.api.DeploymentService;
import org.netservof.bridge.api.NodeAgentService;
import org.netservof.bridge.api.NodePoolService;
import org.netservof.bridge.api.SteeringAdminService;
import org.netservof.bridge.api.SteeringService;
import org.netservof.bridge.store.BridgeStores;
import org.netservof.controller.api.ModuleContext;
import org.netservof.controller.api.store.StoreService;
import org.netservof.controller.module.BaseModule;

/**
 * Deployments: modules installed on nodes and steered to, for signaling and the REST API alike; provides
 * {@link DeploymentService}. Without the nodes module it deploys steering alone.
 */
public final class DeploymentModule extends BaseModule {
  private DeploymentManager manager;

  public DeploymentModule() {
    super("deployments", Set.of(DeploymentService.class), Set.of(SteeringService.class, SteeringAdminService.class,
        NodePoolService.class, StoreService.class), List.of());
  }

  @Override
  public Set<Class<?>> optionallyDependsOn() {
    return Set.of(NodeAgentService.class);
  }

  @Override
  public void init(ModuleContext context) {
    manager = new DeploymentManager(BridgeStores.deployments(context.service(StoreService.class)),
        context.optionalService(NodeAgentService.class), context.service(SteeringAdminService.class),
        context.service(NodePoolService.class), context.clock());
    context.provide(DeploymentService.class, manager);
  }

  @Override
  public void startUp(ModuleContext context) {
    listen(context.service(SteeringService.class), manager);
    context.optionalService(NodeAgentService.class).ifPresent(agents -> listen(agents, manager));
  }
}
