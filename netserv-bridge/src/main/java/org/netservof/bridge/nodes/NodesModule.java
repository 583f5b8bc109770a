package org.netservof.bridge.nodes;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;
import org.netservof.bridge.api.NodeService;
import org.netservof.bridge.api.SteeringException;
import org.netservof.bridge.api.SteeringService;
import org.netservof.controller.api.ConfigKey;
import org.netservof.controller.api.ControllerModule;
import org.netservof.controller.api.HostPort;
import org.netservof.controller.api.ModuleContext;
import org.netservof.controller.api.OFMessageService;
import org.netservof.controller.api.PacketInStage;
import org.projectfloodlight.openflow.protocol.OFType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Service nodes that register themselves: the node channel (authenticated by a shared token), hello-frame
 * checks of where each node is plugged in, heartbeats, and module installs; provides {@link NodeService}.
 * Without {@code node-token-file} the channel stays closed and only configured nodes serve.
 */
public final class NodesModule implements ControllerModule {
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
  private HelloListener hellos;
  private NodeChannelServer server;
  private OFMessageService messages;
  private HostPort listen;
  private String tokenFile;
  private NodeChannelConfig config;

  @Override
  public String name() {
    return "nodes";
  }

  @Override
  public Set<Class<?>> provides() {
    return Set.of(NodeService.class);
  }

  @Override
  public Set<Class<?>> dependsOn() {
    return Set.of(SteeringService.class, OFMessageService.class);
  }

  @Override
  public List<ConfigKey<?>> configKeys() {
    return List.of(NODE_LISTEN, NODE_TOKEN_FILE, NODE_CHANNEL);
  }

  @Override
  public void init(ModuleContext context) {
    listen = context.config(NODE_LISTEN);
    tokenFile = context.config(NODE_TOKEN_FILE);
    config = context.config(NODE_CHANNEL);
    messages = context.service(OFMessageService.class);
    manager = new NodeManager(context.service(SteeringService.class), context.clock());
    hellos = new HelloListener(manager);
    context.provide(NodeService.class, manager);
  }

  @Override
  public void startUp(ModuleContext context) throws SteeringException {
    if (tokenFile.isBlank()) {
      log.info("node channel closed: no node-token-file configured, so no node can register");
      return;
    }
    String token = readToken(Path.of(tokenFile));
    messages.addListener(OFType.PACKET_IN, PacketInStage.CONTROL, HelloListener.NAME, hellos);
    server = new NodeChannelServer(manager, token, config);
    manager.listeningOn(server.bind(listen));
  }

  @Override
  public void shutDown() {
    if (server != null) {
      server.close();
    }
    if (messages != null && hellos != null) {
      messages.removeListener(OFType.PACKET_IN, hellos);
    }
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
