package org.netservof.bridge.nodes;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;
import org.netservof.bridge.api.NodeAgentService;
import org.netservof.bridge.api.NodeHealthService;
import org.netservof.bridge.api.NodePoolAdminService;
import org.netservof.bridge.api.NodePoolService;
import org.netservof.bridge.api.SteeringException;
import org.netservof.controller.api.ConfigKey;
import org.netservof.controller.api.HostPort;
import org.netservof.controller.api.ModuleContext;
import org.netservof.controller.api.OFMessageService;
import org.netservof.controller.api.PacketInStage;
import org.netservof.controller.module.BaseModule;
import org.projectfloodlight.openflow.protocol.OFType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Service nodes that register themselves: the node channel (authenticated by a shared token), hello-frame
 * checks of where each node is plugged in, heartbeats, and module installs; provides {@link NodeAgentService}.
 * Without {@code node-token-file} the channel stays closed and only configured nodes serve.
 */
public final class NodesModule extends BaseModule {
  private static final Logger log = LoggerFactory.getLogger(NodesModule.class);
  public static final ConfigKey<HostPort> NODE_LISTEN = new ConfigKey<>("node-listen", new TypeReference<>() {},
      new HostPort("0.0.0.0", 6700), "Where service node agents connect (HOST:PORT).");
  public static final ConfigKey<String> NODE_TOKEN_FILE = new ConfigKey<>("node-token-file", new TypeReference<>() {},
      "", "File holding the token node agents must prove they know (16+ characters); empty keeps the node channel "
          + "closed.");
  public static final ConfigKey<NodeChannelConfig> NODE_CHANNEL = new ConfigKey<>("node-channel",
      new TypeReference<>() {}, NodeChannelConfig.DEFAULTS, "Node channel timing: heartbeat interval, silence after "
          + "which a node is unhealthy, and time a registering node has to show its hello frame.");

  private NodeManager manager;

  public NodesModule() {
    super("nodes", Set.of(NodeAgentService.class), Set.of(NodePoolService.class, NodePoolAdminService.class,
        NodeHealthService.class, OFMessageService.class), List.of(NODE_LISTEN, NODE_TOKEN_FILE, NODE_CHANNEL));
  }

  @Override
  public void init(ModuleContext context) {
    manager = new NodeManager(context.service(NodePoolService.class), context.service(NodePoolAdminService.class),
        context.service(NodeHealthService.class), context.clock());
    context.provide(NodeAgentService.class, manager);
  }

  @Override
  public void startUp(ModuleContext context) throws SteeringException {
    String tokenFile = context.config(NODE_TOKEN_FILE);
    if (tokenFile.isBlank()) {
      log.info("node channel closed: no node-token-file configured, so no node can register");
      return;
    }
    String token = readToken(Path.of(tokenFile));
    listen(context.service(OFMessageService.class), OFType.PACKET_IN, PacketInStage.CONTROL, HelloListener.NAME,
        new HelloListener(manager));
    NodeChannelServer server = new NodeChannelServer(manager, token, context.config(NODE_CHANNEL));
    onShutDown(server::close);
    manager.listeningOn(server.bind(context.config(NODE_LISTEN)));
  }

  private static String readToken(Path file) throws SteeringException {
    String token;
    try {
      token = Files.readString(file).trim();
    } catch (IOException e) {
      throw new SteeringException("node-token-file " + file + " cannot be read: " + e.getMessage());
    }
    if (token.length() < 16) {
      throw new SteeringException("node-token-file " + file + " holds a token of " + token.length()
          + " characters; use 16 or more (for example: openssl rand -hex 16 > " + file + ")");
    }
    try {
      Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
      if (perms.contains(PosixFilePermission.OTHERS_READ) || perms.contains(PosixFilePermission.GROUP_READ)) {
        log.warn("node-token-file {} is readable by other users; chmod 600 it", file);
      }
    } catch (IOException | UnsupportedOperationException e) {
      // not a POSIX file system: nothing to check
    }
    return token;
  }
}
