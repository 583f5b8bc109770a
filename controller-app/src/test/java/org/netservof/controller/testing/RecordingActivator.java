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

  @Override
  public SwitchSession activate(Channel channel, HandshakeResult result) {
    this.handshake = result;
    return this;
  }

  @Override
  public void received(OFMessage message) {
    received.add(message);
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
