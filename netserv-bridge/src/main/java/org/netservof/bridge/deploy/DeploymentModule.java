package org.netservof.bridge.deploy;

import java.util.Optional;
import java.util.Set;
import org.netservof.bridge.api.DeploymentService;
import org.netservof.bridge.api.NodeAgentService;
import org.netservof.bridge.api.NodePoolService;
import org.netservof.bridge.api.SteeringAdminService;
import org.netservof.bridge.api.SteeringService;
import org.netservof.bridge.store.BridgeStores;
import org.netservof.controller.api.ControllerModule;
import org.netservof.controller.api.ModuleContext;
import org.netservof.controller.api.store.StoreService;

/**
 * Deployments: modules installed on nodes and steered to, for signaling and the REST API alike; provides
 * {@link DeploymentService}. Without the nodes module it deploys steering alone.
 */
public final class DeploymentModule implements ControllerModule {
  private DeploymentManager manager;
  private SteeringService steering;
  private Optional<NodeAgentService> agents = Optional.empty();

  @Override
  public String name() {
    return "deployments";
  }

  @Override
  public Set<Class<?>> provides() {
    return Set.of(DeploymentService.class);
  }

  @Override
  public Set<Class<?>> dependsOn() {
    return Set.of(SteeringService.class, SteeringAdminService.class, NodePoolService.class, StoreService.class);
  }

  @Override
  public Set<Class<?>> optionallyDependsOn() {
    return Set.of(NodeAgentService.class);
  }

  @Override
  public void init(ModuleContext context) {
    steering = context.service(SteeringService.class);
    agents = context.optionalService(NodeAgentService.class);
    manager = new DeploymentManager(BridgeStores.deployments(context.service(StoreService.class)),
        agents, context.service(SteeringAdminService.class), context.service(NodePoolService.class),
        context.clock());
    context.provide(DeploymentService.class, manager);
  }

  @Override
  public void startUp(ModuleContext context) {
    steering.addListener(manager);
    agents.ifPresent(a -> a.addListener(manager));
  }

  @Override
  public void shutDown() {
    if (steering != null) {
      steering.removeListener(manager);
      agents.ifPresent(a -> a.removeListener(manager));
    }
  }
}
