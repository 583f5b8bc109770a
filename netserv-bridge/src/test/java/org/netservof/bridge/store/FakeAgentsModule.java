package org.netservof.bridge.store;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.netservof.bridge.api.AgentView;
import org.netservof.bridge.api.ModuleInstall;
import org.netservof.bridge.api.NodeAgentService;
import org.netservof.bridge.api.NodeHealthService;
import org.netservof.bridge.api.NodePoolService;
import org.netservof.bridge.api.NodeView;
import org.netservof.bridge.api.SteeringException;
import org.netservof.bridge.testing.NodeAgentServiceAdapter;
import org.netservof.controller.api.ModuleContext;
import org.netservof.controller.module.BaseModule;

/**
 * Node agents in place of the nodes module: every node of the pools is connected at start, offers
 * "java-modules", and each install or removal it is asked for lands in {@code calls}.
 */
final class FakeAgentsModule extends BaseModule {
  private final List<String> calls;

  FakeAgentsModule(List<String> calls) {
    super("fake-agents", Set.of(NodeAgentService.class), Set.of(NodeHealthService.class, NodePoolService.class),
        List.of());
    this.calls = calls;
  }

  @Override
  public void init(ModuleContext context) {
    context.provide(NodeAgentService.class, new NodeAgentServiceAdapter() {
      @Override
      public CompletableFuture<Void> install(String nodeId, ModuleInstall install) {
        calls.add("install " + install.module() + " for " + install.user() + " on " + nodeId);
        return CompletableFuture.completedFuture(null);
      }

      @Override
      public CompletableFuture<Void> remove(String nodeId, String user, String module) {
        calls.add("uninstall " + module + " for " + user + " from " + nodeId);
        return CompletableFuture.completedFuture(null);
      }
    });
  }

  @Override
  public void startUp(ModuleContext context) throws SteeringException {
    NodeHealthService health = context.service(NodeHealthService.class);
    for (NodeView n : context.service(NodePoolService.class).nodes()) {
      health.reportAgent(n.id(), Optional.of(new AgentView("10.0.9.1", "eth0", true, Optional.empty(),
          List.of("java-modules"), List.of(), List.of())));
    }
  }
}
