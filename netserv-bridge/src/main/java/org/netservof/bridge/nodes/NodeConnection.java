package org.netservof.bridge.nodes;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
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
  private final String token;
  private final NodeChannelConfig config;
  private State state = State.AWAIT_REGISTER;
  private Channel channel;
  private ChannelMessage.Register register;
  private NodeSpec spec;
  private String controllerNonce;
  private ChannelSecurity.Session session;
  private ScheduledFuture<?> deadline;

  NodeConnection(NodeManager manager, String token, NodeChannelConfig config) {
    this.manager = manager;
    this.token = token;
    this.config = config;
  }

  /** The node's id once it sent its registration; "?" before. */
  String nodeId() {
    return register == null ? "?" : register.id();
  }

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
    try {
      spec = NodeManager.specOf(r);
    } catch (IllegalArgumentException e) {
      refuseOrClose("bad registration: " + e.getMessage(), true);
      return;
    }
    if (r.nonce() == null || r.nonce().length() < 16) {
      refuseOrClose("bad registration: a nonce of at least 16 characters is needed", true);
      return;
    }
    controllerNonce = ChannelSecurity.nonce();
    state = State.AWAIT_PROOF;
    writePlain(new ChannelMessage.Challenge(controllerNonce, ChannelSecurity.controllerProof(token, r.nonce(),
        controllerNonce, r.id())));
  }

  private void onProof(ChannelMessage m) {
    String expected = ChannelSecurity.nodeProof(token, register.nonce(), controllerNonce, register.id());
    if (!(m instanceof ChannelMessage.Proof p) || !ChannelSecurity.matches(expected, p.proof())) {
      log.warn("node {} from {} does not know the token; refused", nodeId(), address());
      refuseOrClose("wrong token", true);
      return;
    }
    state = State.AWAIT_HELLO;
    session = ChannelSecurity.Session.forController(token, register.nonce(), controllerNonce, register.id());
    Channel ch = channel;
    manager.expectHello(controllerNonce, spec, () -> ch.eventLoop().execute(this::helloSeen));
    deadline.cancel(false);
    deadline = ch.eventLoop().schedule(() -> {
      manager.forgetHello(controllerNonce);
      log.warn("node {} from {}: no hello frame from {} arrived through {} in {} s; refused", nodeId(), address(),
          spec.mac(), spec.attachment(), config.helloTimeout().toSeconds());
      refuseOrClose("no hello frame from " + spec.mac() + " arrived through " + spec.attachment() + " in "
          + config.helloTimeout().toSeconds() + " s: the node is not plugged in where it says", true);
    }, config.helloTimeout().toMillis(), TimeUnit.MILLISECONDS);
  }

  private void helloSeen() {
    if (state != State.AWAIT_HELLO) {
      return;
    }
    deadline.cancel(false);
    String refusal = manager.registered(this).orElse(null);
    if (refusal != null) {
      refuseOrClose(refusal, true);
      return;
    }
    state = State.REGISTERED;
    channel.writeAndFlush(session.seal(new ChannelMessage.Registered(config.heartbeat().toMillis())) + "\n");
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
      manager.forgetHello(controllerNonce);
    }
    boolean wasRegistered = state == State.REGISTERED;
    state = State.CLOSED;
    if (wasRegistered) {
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
