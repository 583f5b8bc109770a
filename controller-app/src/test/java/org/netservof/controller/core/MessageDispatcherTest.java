package org.netservof.controller.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.netservof.controller.api.Command;
import org.netservof.controller.api.MessageContext;
import org.netservof.controller.api.MessageListener;
import org.netservof.controller.api.OFSwitch;
import org.netservof.controller.api.PacketInStage;
import org.netservof.controller.testing.FakeSwitch;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFType;
import org.projectfloodlight.openflow.protocol.OFVersion;

class MessageDispatcherTest {
  private final MessageDispatcher dispatcher = new MessageDispatcher();
  private final List<String> calls = new ArrayList<>();
  private final OFMessage packetIn = OFFactories.getFactory(OFVersion.OF_13).buildPacketIn()
      .setReason(org.projectfloodlight.openflow.protocol.OFPacketInReason.NO_MATCH).build();

  @Test
  void orderFollowsStagesThenNamesNotRegistrationOrder() {
    dispatcher.addListener(OFType.PACKET_IN, listener("zeta", PacketInStage.LEARN, Command.CONTINUE));
    dispatcher.addListener(OFType.PACKET_IN, listener("forwarding", PacketInStage.FORWARD, Command.CONTINUE));
    dispatcher.addListener(OFType.PACKET_IN, listener("steering", PacketInStage.STEER, Command.CONTINUE));
    dispatcher.addListener(OFType.PACKET_IN, listener("lldp", PacketInStage.CAPTURE, Command.CONTINUE));
    dispatcher.addListener(OFType.PACKET_IN, listener("alpha", PacketInStage.LEARN, Command.CONTINUE));
    assertThat(dispatcher.chain(OFType.PACKET_IN))
        .containsExactly("lldp", "alpha", "zeta", "steering", "forwarding");
  }

  @Test
  void stopEndsTheChain() {
    dispatcher.addListener(OFType.PACKET_IN, listener("a", PacketInStage.LEARN, Command.CONTINUE));
    dispatcher.addListener(OFType.PACKET_IN, listener("b", PacketInStage.LEARN, Command.STOP));
    dispatcher.addListener(OFType.PACKET_IN, listener("c", PacketInStage.LEARN, Command.CONTINUE));
    dispatch();
    assertThat(calls).containsExactly("a", "b");
  }

  @Test
  void aListenerThatThrowsIsSkippedAndCounted() {
    dispatcher.addListener(OFType.PACKET_IN, new MessageListener() {
      @Override
      public String name() {
        return "a-broken";
      }

      @Override
      public PacketInStage stage() {
        return PacketInStage.LEARN;
      }

      @Override
      public Command receive(OFSwitch sw, OFMessage message, MessageContext context) {
        throw new IllegalStateException("bug");
      }
    });
    dispatcher.addListener(OFType.PACKET_IN, listener("b", PacketInStage.LEARN, Command.CONTINUE));
    dispatch();
    assertThat(calls).containsExactly("b");
    assertThat(dispatcher.listenerFailures()).isEqualTo(1);
  }

  @Test
  void duplicateNamesAreRefusedPerType() {
    dispatcher.addListener(OFType.PACKET_IN, listener("a", PacketInStage.LEARN, Command.CONTINUE));
    assertThatThrownBy(() -> dispatcher.addListener(OFType.PACKET_IN, listener("a", PacketInStage.LEARN,
        Command.CONTINUE))).hasMessageContaining("'a' exists already");
    dispatcher.addListener(OFType.FLOW_REMOVED, listener("a", PacketInStage.LEARN, Command.CONTINUE));
  }

  @Test
  void removedListenersNoLongerRun() {
    MessageListener a = listener("a", PacketInStage.LEARN, Command.CONTINUE);
    dispatcher.addListener(OFType.PACKET_IN, a);
    dispatcher.removeListener(OFType.PACKET_IN, a);
    dispatch();
    assertThat(calls).isEmpty();
  }

  private void dispatch() {
    dispatcher.dispatch(new FakeSwitch(1, OFVersion.OF_13, 1), packetIn, new DispatchContext(packetIn, Optional.empty()));
  }

  private MessageListener listener(String name, PacketInStage stage, Command result) {
    return new MessageListener() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public PacketInStage stage() {
        return stage;
      }

      @Override
      public Command receive(OFSwitch sw, OFMessage message, MessageContext context) {
        calls.add(name);
        return result;
      }
    };
  }
}
