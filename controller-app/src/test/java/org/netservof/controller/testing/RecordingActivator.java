package org.netservof.controller.testing;

import io.netty.channel.Channel;
import java.util.ArrayList;
import java.util.List;
import org.netservof.controller.channel.HandshakeResult;
import org.netservof.controller.channel.MalformedMessage;
import org.netservof.controller.channel.SwitchActivator;
import org.netservof.controller.channel.SwitchSession;
import org.projectfloodlight.openflow.protocol.OFMessage;

/** An activator that records the handshake result and everything its session receives. */
public final class RecordingActivator implements SwitchActivator, SwitchSession {
  public HandshakeResult handshake;
  public final List<OFMessage> received = new ArrayList<>();
  public final List<MalformedMessage> malformed = new ArrayList<>();
  public final List<org.netservof.controller.channel.RoleStatus> roleStatus = new ArrayList<>();
  public boolean closed;
  /** The connection, once activated. */
  public Channel channel;
  /** Runs after each message is recorded: a test closes the connection from here, as a listener might. */
  public java.util.function.Consumer<OFMessage> afterReceived = m -> {};

  @Override
  public SwitchSession activate(Channel channel, HandshakeResult result) {
    this.handshake = result;
    this.channel = channel;
    return this;
  }

  @Override
  public void received(OFMessage message) {
    received.add(message);
    afterReceived.accept(message);
  }

  @Override
  public void malformed(MalformedMessage message) {
    malformed.add(message);
  }

  @Override
  public void roleStatus(org.netservof.controller.channel.RoleStatus status) {
    roleStatus.add(status);
  }

  @Override
  public void closed() {
    closed = true;
  }
}
