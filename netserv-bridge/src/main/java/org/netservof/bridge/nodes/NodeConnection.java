package org.netservof.bridge.nodes;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.netservof.bridge.api.NodeChannelEvent;
import org.netservof.bridge.api.NodeSpec;
import org.netservof.protocol.node.ChannelMessage;
import org.netservof.protocol.node.ChannelSecurity;
import org.netservof.protocol.node.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One node's channel, on its Netty I/O thread: the registration (challenge both ways, the hello frame
 * through the claimed switch port), then sealed heartbeats, container states and command results, which it
 * hands to the {@link NodeManager}. Anything out of protocol closes the channel, with a log line saying why.
 */
final class NodeConnection extends SimpleChannelInboundHandler<String> {
  private static final Logger log = LoggerFactory.getLogger(NodeConnection.class);

  private enum State { AWAIT_REGISTER, AWAIT_PROOF, AWAIT_HELLO, REGISTERED, CLOSED }

  private final NodeManager manager;
  private final NodeChannelConfig config;
  private final BooleanSupplier controllerStopping;
  private State state = State.AWAIT_REGISTER;
  private Channel channel;
  private ChannelMessage.Register register;
  private NodeSpec spec;
  private String token;
  private String controllerNonce;
  private ChannelSecurity.Session session;
  private ScheduledFuture<?> deadline;

  /**
   * @param controllerStopping true once the controller closes the channel to stop: a node is not lost then,
   *     and its flows stay on it (its agent keeps its containers until the controller is back)
   */
  NodeConnection(NodeManager manager, NodeChannelConfig config, BooleanSupplier controllerStopping) {
    this.manager = manager;
    this.config = config;
    this.controllerStopping = controllerStopping;
  }

  /** The node's id once it sent its registration; "?" before. */
  String nodeId() {
    return register == null ? "?" : register.id();
  }

  /** The node as the configuration confirms it (pool, weight, attachment), with the MAC it showed. */
  NodeSpec spec() {
    return spec;
  }

  /** {@code 10.0.9.1:41234}: the agent's address as an operator types it (no leading '/' of the JDK's text). */
  String address() {
    if (channel == null) {
      return "?";
    }
    return channel.remoteAddress() instanceof java.net.InetSocketAddress a
        ? a.getAddress().getHostAddress() + ":" + a.getPort() : String.valueOf(channel.remoteAddress());
  }

  ChannelMessage.Register registration() {
    return register;
  }

  /** Sends a sealed message; any thread. Messages from one thread go out in the order they were sent. */
  void send(ChannelMessage message) {
    Channel ch = channel;
    if (ch == null) {
      return;
    }
    ch.eventLoop().execute(() -> {
      if (state == State.REGISTERED) {
        ch.writeAndFlush(session.seal(message) + "\n");
      }
    });
  }

  /** Closes the channel, telling the node why when it is still registering. */
  void close(String why) {
    Channel ch = channel;
    if (ch != null) {
      ch.eventLoop().execute(() -> refuseOrClose(why, false));
    }
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    channel = ctx.channel();
    Duration limit = config.helloTimeout().plusSeconds(10);
    deadline = ctx.executor().schedule(() -> refuseOrClose("registration not finished in " + limit.toSeconds() + " s",
        true), limit.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, String line) {
    try {
      switch (state) {
        case AWAIT_REGISTER -> onRegister(Json.read(line, ChannelMessage.class));
        case AWAIT_PROOF -> onProof(Json.read(line, ChannelMessage.class));
        case AWAIT_HELLO -> refuseOrClose("spoke before its hello frame was seen", true);
        case REGISTERED -> manager.received(this, session.open(line));
        case CLOSED -> { }
      }
    } catch (SecurityException e) {
      log.warn("node {} from {}: {}; closing its channel", nodeId(), address(), e.getMessage());
      refuseOrClose(e.getMessage(), false);
    } catch (IOException | RuntimeException e) {
      log.warn("node {} from {} sent something out of protocol ({}); closing its channel", nodeId(), address(),
          e.getMessage());
      refuseOrClose("out of protocol: " + e.getMessage(), true);
    }
  }

  private void onRegister(ChannelMessage m) {
    if (!(m instanceof ChannelMessage.Register r)) {
      refuseOrClose("the first message must be a registration, was " + m.getClass().getSimpleName(), true);
      return;
    }
    register = r;
    if (r.nonce() == null || r.nonce().length() < 16) {
      refuse("bad registration: a nonce of at least 16 characters is needed");
      return;
    }
    NodeSpec declared;
    NodeRoster.Admission admission;
    try {
      declared = NodeRoster.declared(r);
    } catch (IllegalArgumentException e) {
      refuse("bad registration: " + e.getMessage());
      return;
    }
    try {
      admission = manager.roster().admit(declared);
    } catch (IllegalArgumentException e) {
      refuse(e.getMessage());
      return;
    }
    spec = admission.spec();
    token = admission.token();
    admission.overruled().ifPresent(why -> manager.event(NodeChannelEvent.Type.OVERRULED, this, why));
    controllerNonce = ChannelSecurity.nonce();
    state = State.AWAIT_PROOF;
    writePlain(new ChannelMessage.Challenge(controllerNonce, ChannelSecurity.controllerProof(token, r.nonce(),
        controllerNonce, r.id())));
  }

  private void onProof(ChannelMessage m) {
    String expected = ChannelSecurity.nodeProof(token, register.nonce(), controllerNonce, register.id());
    if (!(m instanceof ChannelMessage.Proof p) || !ChannelSecurity.matches(expected, p.proof())) {
      manager.event(NodeChannelEvent.Type.REFUSED, this, "it does not know the token of node " + nodeId());
      refuseOrClose("wrong token", true);
      return;
    }
    state = State.AWAIT_HELLO;
    session = ChannelSecurity.Session.forController(token, register.nonce(), controllerNonce, register.id());
    Channel ch = channel;
    manager.hellos().expect(controllerNonce, spec, config.helloTimeout(),
        () -> ch.eventLoop().execute(this::helloSeen));
    deadline.cancel(false);
    deadline = ch.eventLoop().schedule(() -> {
      manager.hellos().forget(controllerNonce);
      refuse("no hello frame from " + spec.mac() + " arrived through " + spec.attachment() + " in "
          + config.helloTimeout().toSeconds() + " s: the node is not plugged in where it says");
    }, config.helloTimeout().toMillis(), TimeUnit.MILLISECONDS);
  }

  /** The hello came through the confirmed port: the node's id is its own unless a live node answers for it. */
  private void helloSeen() {
    if (state != State.AWAIT_HELLO) {
      return;
    }
    deadline.cancel(false);
    Channel ch = channel;
    manager.liveCheck(this, config.deadAfter()).whenComplete((verdict, error) -> ch.eventLoop().execute(() ->
        admitted(verdict, error)));
  }

  private void admitted(TakeoverGuard.Verdict verdict, Throwable error) {
    if (state != State.AWAIT_HELLO) {
      return; // closed while its id was checked
    }
    if (error != null || verdict.refusal().isPresent()) {
      refuseOrClose(error != null ? "registration failed: " + error : verdict.refusal().get(),
          error != null || verdict.tellNode());
      return;
    }
    String refusal = manager.registered(this, verdict.silent()).orElse(null);
    if (refusal != null) {
      refuse(refusal);
      return;
    }
    state = State.REGISTERED;
    // Silence counts from here: the registration's last line may be most of dead-after old when the hello comes.
    channel.pipeline().addFirst("dead-after", new IdleStateHandler(config.deadAfter().toMillis(), 0, 0,
        TimeUnit.MILLISECONDS));
    channel.writeAndFlush(session.seal(new ChannelMessage.Registered(config.heartbeat().toMillis())) + "\n");
    manager.grants.join(this);
  }

  /** Refuses a registration, with an event naming the node and where it came from. */
  private void refuse(String reason) {
    manager.event(NodeChannelEvent.Type.REFUSED, this, reason);
    refuseOrClose(reason, true);
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
    if (event instanceof IdleStateEvent && state == State.REGISTERED) {
      refuseOrClose("no heartbeat for " + config.deadAfter().toMillis() + " ms", false);
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    if (deadline != null) {
      deadline.cancel(false);
    }
    if (controllerNonce != null) {
      manager.hellos().forget(controllerNonce);
    }
    boolean wasRegistered = state == State.REGISTERED;
    state = State.CLOSED;
    manager.grants.leave(this);
    if (wasRegistered && controllerStopping.getAsBoolean()) {
      log.info("node {}: channel closed as the controller stops; its flows stay on it", nodeId());
    } else if (wasRegistered) {
      manager.lost(this, "its channel closed");
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    log.debug("node {} channel from {}: {}", nodeId(), address(), cause.toString());
    ctx.close();
  }

  private void refuseOrClose(String reason, boolean tellNode) {
    if (state == State.CLOSED || channel == null) {
      return;
    }
    if (tellNode && state != State.REGISTERED) {
      writePlain(new ChannelMessage.Refused(reason));
    }
    if (state == State.REGISTERED) {
      manager.lost(this, reason);
    }
    state = State.CLOSED;
    channel.close();
  }

  private void writePlain(ChannelMessage message) {
    channel.writeAndFlush(Json.line(message) + "\n");
  }
}
