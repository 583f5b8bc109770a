package org.netservof.bridge.testing;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.netservof.bridge.api.AgentListener;
import org.netservof.bridge.api.ModuleInstall;
import org.netservof.bridge.api.NodeAgentService;
import org.netservof.bridge.api.NodeChannelEvent;
import org.netservof.bridge.api.SteeringException;

/** Node agents that are never connected: a test overrides the calls it cares about. */
public class NodeAgentServiceAdapter implements NodeAgentService {
  @Override
  public Optional<InetSocketAddress> channelAddress() {
    return Optional.empty();
  }

  @Override
  public List<NodeChannelEvent> events() {
    return List.of();
  }

  @Override
  public CompletableFuture<Void> install(String nodeId, ModuleInstall install) throws SteeringException {
    throw new SteeringException("node '" + nodeId + "' is not connected");
  }

  @Override
  public CompletableFuture<Void> remove(String nodeId, String user, String module) throws SteeringException {
    throw new SteeringException("node '" + nodeId + "' is not connected");
  }

  @Override
  public void addListener(AgentListener listener) {}

  @Override
  public void removeListener(AgentListener listener) {}
}
