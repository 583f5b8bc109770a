package org.netservof.bridge.nodes;

import com.fasterxml.jackson.core.type.TypeReference;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.netservof.bridge.api.NodeAgentService;
import org.netservof.bridge.api.NodeHealthService;
import org.netservof.bridge.api.NodePoolAdminService;
import org.netservof.bridge.api.NodePoolService;
import org.netservof.bridge.api.SteeringException;
import org.netservof.bridge.store.BridgeStores;
import org.netservof.controller.api.ConfigKey;
import org.netservof.controller.api.HostPort;
import org.netservof.controller.api.ModuleContext;
import org.netservof.controller.api.OFMessageService;
import org.netservof.controller.api.PacketInStage;
import org.netservof.controller.api.cluster.ClusterService;
import org.netservof.controller.api.fabric.ServicePortService;
import org.netservof.controller.api.store.StoreService;
import org.netservof.controller.module.BaseModule;
import org.projectfloodlight.openflow.protocol.OFType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Service nodes that register themselves: the node channel (each node proves its own token, from
 * {@code node-agents}, which also fixes its pool, weight and switch port), hello-frame checks of where each
 * node is plugged in, heartbeats, and module installs; provides {@link NodeAgentService}. The channel opens
 * once {@code node-agents} names a node (at start or when the configuration is read again); until then only
 * configured nodes serve.
 */
public final class NodesModule extends BaseModule {
  private static final Logger log = LoggerFactory.getLogger(NodesModule.class);
  public static final ConfigKey<HostPort> NODE_LISTEN = new ConfigKey<>("node-listen", new TypeReference<>() {},
      new HostPort("0.0.0.0", 6700), "Where service node agents connect (HOST:PORT).");
  public static final ConfigKey<List<NodeAgentConfig>> NODE_AGENTS = new ConfigKey<>("node-agents",
      new TypeReference<>() {}, List.of(), "Node agents that may register: {id, token-file, pool, dpid, port, "
          + "weight} each; a node proves its own token and gets this pool, weight and attachment. Read again on "
          + "SIGHUP.");
  public static final ConfigKey<NodeChannelConfig> NODE_CHANNEL = new ConfigKey<>("node-channel",
      new TypeReference<>() {}, NodeChannelConfig.DEFAULTS, "Node channel timing: heartbeat interval, silence after "
          + "which a node is unhealthy, and time a registering node has to show its hello frame.");

  private NodeManager manager;
  private NodeChannelServer server;
  private HostPort listen;
  private NodeChannelConfig channelConfig;
  /** The nodes the cluster's other members hold, followed into this member's pools; null alone. */
  private RemoteNodes remoteNodes;
  /** Hello frames between the members of the cluster; null alone. */
  private HelloRelay helloRelay;

  public NodesModule() {
    super("nodes", Set.of(NodeAgentService.class), Set.of(NodePoolService.class, NodePoolAdminService.class,
        NodeHealthService.class, OFMessageService.class, ServicePortService.class, StoreService.class),
        List.of(NODE_LISTEN, NODE_AGENTS, NODE_CHANNEL));
  }

  @Override
  public void init(ModuleContext context) throws SteeringException {
    NodeHolders holders = holders(context);
    manager = new NodeManager(context.service(NodePoolService.class), context.service(NodePoolAdminService.class),
        context.service(NodeHealthService.class), context.clock(), NodeRoster.read(context.config(NODE_AGENTS)),
        new InstalledModules(BridgeStores.deployments(context.service(StoreService.class))), holders);
    holders.self().ifPresent(self -> helloRelay = new HelloRelay(self,
        BridgeStores.awaitedHellos(context.service(StoreService.class)), context.clock()));
    manager.addListener(new NodeHosts(manager::roster, context.service(NodePoolService.class),
        context.service(ServicePortService.class)));
    context.provide(NodeAgentService.class, manager);
  }

  @Override
  public Set<Class<?>> optionallyDependsOn() {
    return Set.of(ClusterService.class);
  }

  /**
   * This member's holds on node connections: in a cluster (its {@code instance-id}), each lasting two
   * {@code dead-after}s unless the node's heartbeats renew it; alone, none.
   */
  private NodeHolders holders(ModuleContext context) {
    Optional<ClusterService> cluster = context.optionalService(ClusterService.class).filter(ClusterService::clustered);
    if (cluster.isEmpty()) {
      return NodeHolders.alone();
    }
    NodeHolders holders = new NodeHolders(cluster.map(ClusterService::instanceId),
        BridgeStores.nodeHolders(context.service(StoreService.class)), context.clock(),
        context.config(NODE_CHANNEL).deadAfter().multipliedBy(2),
        member -> cluster.get().members().stream().anyMatch(m -> m.instanceId().equals(member)));
    remoteNodes = new RemoteNodes(holders, context.service(NodeHealthService.class));
    return holders;
  }

  @Override
  public void startUp(ModuleContext context) {
    listen = context.config(NODE_LISTEN);
    channelConfig = context.config(NODE_CHANNEL);
    listen(context.service(OFMessageService.class), OFType.PACKET_IN, PacketInStage.CONTROL, HelloListener.NAME,
        new HelloListener(manager));
    openIfNodesDeclared();
    if (remoteNodes != null) {
      remoteNodes.start();
      helloRelay.start(manager.hellos());
    }
  }

  @Override
  public void reconfigure(ModuleContext context) throws SteeringException {
    manager.setRoster(NodeRoster.read(context.config(NODE_AGENTS)));
    openIfNodesDeclared();
  }

  private synchronized void openIfNodesDeclared() {
    if (server != null) {
      return;
    }
    if (manager.roster().isEmpty()) {
      log.info("node channel closed: node-agents declares no node, so no node can register");
      return;
    }
    NodeChannelServer opened = new NodeChannelServer(manager, channelConfig);
    manager.listeningOn(opened.bind(listen));
    server = opened;
  }

  @Override
  public synchronized void shutDown() {
    if (remoteNodes != null) {
      remoteNodes.close();
      helloRelay.stop();
    }
    if (server != null) {
      server.close();
      server = null;
    }
    super.shutDown();
  }
}
