package org.netservof.node.agent;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.netservof.node.io.PacketIo;
import org.netservof.protocol.node.ChannelMessage;
import org.netservof.protocol.node.ChannelSecurity;
import org.netservof.protocol.node.HelloFrame;
import org.netservof.protocol.node.Json;
import org.netservof.protocol.url.GuardedHttp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node agent: keeps its management channel to the controller up (registering, proving its attachment,
 * sending heartbeats with statistics), and carries out install and remove commands through its containers.
 * When the controller goes away the agent registers with the next one it was given (a cluster's members), with
 * backoff once none answers; the containers keep running meanwhile, and the controller it registers with
 * reconciles them with its ledger as a restarted controller does.
 */
final class NodeAgent {
  private static final Logger log = LoggerFactory.getLogger(NodeAgent.class);

  /** What the agent needs to know about itself. */
  record Settings(String id, String pool, int weight, List<String> blocks, List<InetSocketAddress> controllers,
      String token, Attachment attachment, String interfaceName, long restartDelayMillis) {}

  /** The controller refused the node; retrying would not help. */
  static final class RefusedException extends Exception {
    RefusedException(String reason) {
      super(reason);
    }
  }

  private final Settings settings;
  private final PacketIo io;
  private final ContainerSupervisor containers;
  private final ModuleCommands commands;
  private final ServerSockets servers;
  private final ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor(
      r -> daemon(r, "node heartbeats"));
  private Writer channel;
  private ChannelSecurity.Session session;
  private ScheduledFuture<?> heartbeat;

  NodeAgent(Settings settings, PacketIo io, ContainerLauncher launcher, ServerSockets servers, Path work,
      GuardedHttp modules) {
    this.settings = settings;
    this.io = io;
    this.servers = servers;
    this.containers = new ContainerSupervisor(launcher, settings.restartDelayMillis(), this::send);
    this.commands = new ModuleCommands(new ModuleFetcher(work.resolve("cache"), modules), containers::install,
        containers::remove, containers::update, this::send);
  }

  /** Runs until a controller refuses the node. */
  void run() throws RefusedException, InterruptedException {
    ControllerRotation members = new ControllerRotation(settings.controllers());
    while (true) {
      InetSocketAddress at = members.current();
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(at.getHostString(), at.getPort()), 5000);
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(15_000); // registration; then a few heartbeat intervals
        session(socket, at, members::registered);
      } catch (IOException e) {
        log.warn("management channel to {}: {}", at, e.getMessage());
      } finally {
        stopHeartbeats();
      }
      long wait = members.failed();
      log.info("connecting to the controller at {} in {} ms", members.current(), wait);
      Thread.sleep(wait);
    }
  }

  /** Tells the controller the node leaves (so its flows move first), then stops the containers. */
  void shutDown() {
    send(new ChannelMessage.Leaving("the node agent is stopping"));
    containers.stopAll();
    commands.shutDown();
    heartbeats.shutdownNow();
  }

  /** One connection: the authenticated registration, then sealed commands until the channel breaks. */
  private void session(Socket socket, InetSocketAddress at, Runnable onRegistered)
      throws IOException, RefusedException {
    // (a read that times out throws SocketTimeoutException, an IOException: the agent reconnects)
    Writer out = new OutputStreamWriter(socket.getOutputStream(), StandardCharsets.UTF_8);
    BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
    String nodeNonce = ChannelSecurity.nonce();
    ChannelMessage.Challenge challenge = register(out, in, nodeNonce);
    ChannelSecurity.Session sealed = proveToken(out, challenge, nodeNonce, at);
    ChannelMessage.Registered registered = awaitRegistered(in, sealed, challenge);
    synchronized (this) {
      channel = out;
      session = sealed;
    }
    servers.inForce(Map.of()); // the controller tells this session's grants; none until it does
    onRegistered.run();
    log.info("registered with the controller at {} as {} in pool {} ({})", at, settings.id(),
        settings.pool(), settings.attachment());
    containers.states().forEach(this::send);
    startHeartbeats(registered.heartbeatMillis());
    // The controller answers every heartbeat; this much silence means it, or the path to it, is gone.
    socket.setSoTimeout((int) Math.max(5000, 5 * registered.heartbeatMillis()));
    try {
      serveCommands(in, sealed);
    } finally {
      synchronized (this) {
        channel = null;
        session = null;
      }
    }
    throw new IOException("the controller closed the channel");
  }

  /** Sends the registration; the controller answers with its challenge, or refuses the node. */
  private ChannelMessage.Challenge register(Writer out, BufferedReader in, String nodeNonce)
      throws IOException, RefusedException {
    writePlain(out, new ChannelMessage.Register(settings.id(), HexFormat.ofDelimiter(":").formatHex(io.macAddress()),
        settings.interfaceName(), settings.weight(), settings.pool(), settings.blocks(), settings.attachment().dpid(),
        settings.attachment().port(), nodeNonce, servers.address().map(a -> a.getHostAddress()).orElse(null)));
    ChannelMessage first = Json.read(readLine(in), ChannelMessage.class);
    if (first instanceof ChannelMessage.Refused refused) {
      throw new RefusedException(refused.reason());
    }
    if (!(first instanceof ChannelMessage.Challenge challenge)) {
      throw new IOException("the controller answered registration with " + first.getClass().getSimpleName());
    }
    return challenge;
  }

  /** Checks the controller's proof of the token, sends ours; returns the sealed session both now share. */
  private ChannelSecurity.Session proveToken(Writer out, ChannelMessage.Challenge challenge, String nodeNonce,
      InetSocketAddress at) throws IOException, RefusedException {
    String expected = ChannelSecurity.controllerProof(settings.token(), nodeNonce, challenge.nonce(), settings.id());
    if (!ChannelSecurity.matches(expected, challenge.proof())) {
      throw new RefusedException("the controller at " + at + " could not prove it knows the "
          + "token: the token files differ, or this is not our controller");
    }
    ChannelSecurity.Session sealed = ChannelSecurity.Session.forNode(settings.token(), nodeNonce, challenge.nonce(),
        settings.id());
    writePlain(out, new ChannelMessage.Proof(ChannelSecurity.nodeProof(settings.token(), nodeNonce,
        challenge.nonce(), settings.id())));
    return sealed;
  }

  /**
   * Sends the hello frame that proves the attachment (again each second, in case the switch lost one) until
   * the controller confirms the registration or refuses it.
   */
  private ChannelMessage.Registered awaitRegistered(BufferedReader in, ChannelSecurity.Session sealed,
      ChannelMessage.Challenge challenge) throws IOException, RefusedException {
    byte[] hello = HelloFrame.build(io.macAddress(), challenge.nonce());
    ScheduledFuture<?> hellos = heartbeats.scheduleWithFixedDelay(() -> {
      try {
        io.send(hello, hello.length);
      } catch (IOException e) {
        log.warn("cannot send the hello frame on {}: {}", settings.interfaceName(), e.getMessage());
      }
    }, 0, 1, TimeUnit.SECONDS);
    String line;
    try {
      line = readLine(in);
    } finally {
      hellos.cancel(false);
    }
    if (line.startsWith("{")) {
      ChannelMessage m = Json.read(line, ChannelMessage.class);
      throw new RefusedException(m instanceof ChannelMessage.Refused r ? r.reason() : "unexpected " + line);
    }
    if (!(sealed.open(line) instanceof ChannelMessage.Registered registered)) {
      throw new IOException("the controller did not confirm the registration");
    }
    return registered;
  }

  /** Runs the controller's sealed commands until the channel ends; a message that does not open ends it. */
  private void serveCommands(BufferedReader in, ChannelSecurity.Session sealed) throws IOException {
    String line;
    try {
      while ((line = in.readLine()) != null) {
        ChannelMessage m = sealed.open(line);
        if (m instanceof ChannelMessage.Install install) {
          commands.install(install);
        } else if (m instanceof ChannelMessage.Update update) {
          commands.update(update);
        } else if (m instanceof ChannelMessage.Remove remove) {
          commands.remove(remove);
        } else if (m instanceof ChannelMessage.Grants grants) {
          servers.inForce(grants.listenPorts());
        } else if (m instanceof ChannelMessage.Ping ping) {
          send(new ChannelMessage.Result(ping.requestId(), true, "")); // still here: nobody takes over our id
        } else if (!(m instanceof ChannelMessage.Heartbeat)) {
          log.warn("ignoring {} from the controller", m.getClass().getSimpleName());
        }
      }
    } catch (SecurityException e) {
      throw new IOException("dropping the channel: " + e.getMessage());
    }
  }

  private static String readLine(BufferedReader in) throws IOException {
    String line = in.readLine();
    if (line == null) {
      throw new IOException("the controller closed the channel during registration");
    }
    return line;
  }

  private static void writePlain(Writer out, ChannelMessage message) throws IOException {
    out.write(Json.line(message) + "\n");
    out.flush();
  }

  private synchronized void startHeartbeats(long millis) {
    stopHeartbeats();
    heartbeat = heartbeats.scheduleAtFixedRate(() -> {
      try {
        send(new ChannelMessage.Heartbeat(containers.stats()));
        announceServiceAddress();
      } catch (RuntimeException e) {
        log.warn("heartbeat failed: {}", e.toString());
      }
    }, 0, millis, TimeUnit.MILLISECONDS);
  }

  /** Keeps the controller's host tracking sure where the service address is, as a host's traffic would. */
  private void announceServiceAddress() {
    servers.address().ifPresent(a -> {
      byte[] arp = ServiceAddress.announcement(io.macAddress(), a);
      try {
        io.send(arp, arp.length);
      } catch (IOException e) {
        log.warn("cannot announce the service address {} on {}: {}", a.getHostAddress(), settings.interfaceName(),
            e.getMessage());
      }
    });
  }

  private synchronized void stopHeartbeats() {
    if (heartbeat != null) {
      heartbeat.cancel(false);
      heartbeat = null;
    }
  }

  /** Sends a sealed message on the channel; dropped (with a debug line) while there is none. */
  private synchronized void send(ChannelMessage message) {
    if (channel == null) {
      log.debug("no channel; dropped {}", message.getClass().getSimpleName());
      return;
    }
    try {
      channel.write(session.seal(message) + "\n");
      channel.flush();
    } catch (IOException e) {
      log.debug("could not send {}: {}", message.getClass().getSimpleName(), e.getMessage());
    }
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }
}
