package org.netservof.bridge.deploy;

import com.fasterxml.jackson.core.type.TypeReference;
import java.util.List;
import java.util.Set;
import org.netservof.bridge.api.DeploymentService;
import org.netservof.bridge.api.PublisherChannelService;
import org.netservof.bridge.api.NodeAgentService;
import org.netservof.bridge.api.NodePoolService;
import org.netservof.bridge.api.SteeringAdminService;
import org.netservof.bridge.api.SteeringService;
import org.netservof.controller.api.ConfigKey;
import org.netservof.controller.api.ModuleContext;
import org.netservof.controller.api.store.StoreService;
import org.netservof.controller.module.BaseModule;
import org.netservof.protocol.url.UrlPolicy;

/**
 * Deployments: modules installed on nodes and steered to, for signaling and the REST API alike; provides
 * {@link DeploymentService} and the property updates of running modules ({@link PublisherChannelService}).
 * Without the nodes module it deploys steering alone.
 */
public final class DeploymentModule extends BaseModule {
  public static final ConfigKey<List<String>> MODULE_REPOSITORIES = new ConfigKey<>("module-repositories",
      new TypeReference<>() {}, List.of(), "URL prefixes module URLs must lie under (whatever their address); "
          + "empty: any URL whose host is not a loopback, private or other special address.");
  private DeploymentManager manager;
  private PublisherChannel channel;

  public DeploymentModule() {
    super("deployments", Set.of(DeploymentService.class, PublisherChannelService.class), Set.of(SteeringService.class, SteeringAdminService.class,
        NodePoolService.class, StoreService.class), List.of(MODULE_REPOSITORIES));
  }

  @Override
  public Set<Class<?>> optionallyDependsOn() {
    return Set.of(NodeAgentService.class);
  }

  @Override
  public void init(ModuleContext context) {
    manager = new DeploymentManager(context.service(StoreService.class),
        context.optionalService(NodeAgentService.class), context.service(SteeringAdminService.class),
        context.service(NodePoolService.class), context.clock(), moduleSources(context));
    context.provide(DeploymentService.class, manager);
    channel = new PublisherChannel(context.service(StoreService.class),
        context.optionalService(NodeAgentService.class));
    context.provide(PublisherChannelService.class, channel);
  }

  /** The allow-list, refused at start-up (naming the entry) when an entry is not a URL prefix. */
  private static UrlPolicy moduleSources(ModuleContext context) {
    return new UrlPolicy(MODULE_REPOSITORIES.name(), context.config(MODULE_REPOSITORIES));
  }

  @Override
  public void startUp(ModuleContext context) {
    listen(context.service(SteeringService.class), manager);
    context.optionalService(NodeAgentService.class).ifPresent(agents -> listen(agents, manager));
    context.optionalService(NodeAgentService.class).ifPresent(agents -> listen(agents, channel));
    manager.resume(context.service(SteeringService.class));
    manager.start();
  }

  @Override
  public void shutDown() {
    if (manager != null) {
      manager.close();
    }
    super.shutDown();
  }
}
