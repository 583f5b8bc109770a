package org.netservof.controller.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.netservof.controller.api.Command;
import org.netservof.controller.api.MessageListener;
import org.netservof.controller.api.PacketInStage;
import org.netservof.controller.testing.FakeSwitch;
import org.netservof.controller.testing.LogCapture;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFType;
import org.projectfloodlight.openflow.protocol.OFVersion;

class MessageDispatcherTest {
  private final AtomicLong now = new AtomicLong();
  private final MessageDispatcher dispatcher = new MessageDispatcher(now::get);
  private final List<String> calls = new ArrayList<>();
  private final OFMessage packetIn = OFFactories.getFactory(OFVersion.OF_13).buildPacketIn()
      .setReason(org.projectfloodlight.openflow.protocol.OFPacketInReason.NO_MATCH).build();

  @Test
  void orderFollowsStagesThenNamesNotRegistrationOrder() {
    add("zeta", PacketInStage.LEARN, Command.CONTINUE);
    add("forwarding", PacketInStage.FORWARD, Command.CONTINUE);
    add("steering", PacketInStage.STEER, Command.CONTINUE);
    add("lldp", PacketInStage.CAPTURE, Command.CONTINUE);
    add("alpha", PacketInStage.LEARN, Command.CONTINUE);
    assertThat(dispatcher.chain(OFType.PACKET_IN))
        .containsExactly("lldp", "alpha", "zeta", "steering", "forwarding");
  }

  @Test
  void stopEndsTheChain() {
    add("a", PacketInStage.LEARN, Command.CONTINUE);
    add("b", PacketInStage.LEARN, Command.STOP);
    add("c", PacketInStage.LEARN, Command.CONTINUE);
    dispatch();
    assertThat(calls).containsExactly("a", "b");
  }

  @Test
  void aListenerThatThrowsIsSkippedAndCounted() {
    dispatcher.addListener(OFType.PACKET_IN, PacketInStage.LEARN, "a-broken", (sw, message, context) -> {
      throw new IllegalStateException("bug");
    });
    add("b", PacketInStage.LEARN, Command.CONTINUE);
    dispatch();
    assertThat(calls).containsExactly("b");
    assertThat(dispatcher.listenerFailures()).isEqualTo(1);
  }

  @Test
  void aListenerThatThrowsOnEveryPacketInIsLoggedOnceWithItsTraceAndCountedEveryTime() {
    dispatcher.addListener(OFType.PACKET_IN, PacketInStage.LEARN, "a-broken", (sw, message, context) -> {
      throw new IllegalStateException("bug");
    });
    try (LogCapture logs = new LogCapture()) {
      for (int i = 0; i < 10_000; i++) {
        dispatch();
      }
      assertThat(logs.problems()).as("lines logged for 10,000 failures within one interval").hasSize(1);
      assertThat(logs.problems().get(0)).contains("a-broken").contains("00:00:00:00:00:00:00:01")
          .contains("IllegalStateException: bug");
      now.addAndGet(Duration.ofSeconds(10).toNanos());
      dispatch();
      assertThat(logs.problems()).as("one summary line an interval later").hasSize(2);
      assertThat(logs.problems().get(1)).contains("a-broken").contains("10000 like this in the last 10 s")
          .doesNotContain("IllegalStateException");
    }
    assertThat(dispatcher.listenerFailures()).isEqualTo(10_001);
  }

  @Test
  void duplicateNamesAreRefusedPerType() {
    add("a", PacketInStage.LEARN, Command.CONTINUE);
    assertThatThrownBy(() -> add("a", PacketInStage.FORWARD, Command.CONTINUE))
        .hasMessageContaining("a PACKET_IN listener named 'a' exists already");
    dispatcher.addListener(OFType.FLOW_REMOVED, PacketInStage.LEARN, "a", listener("a", Command.CONTINUE));
  }

  @Test
  void removedListenersNoLongerRun() {
    MessageListener a = listener("a", Command.CONTINUE);
    dispatcher.addListener(OFType.PACKET_IN, PacketInStage.LEARN, "a", a);
    dispatcher.removeListener(OFType.PACKET_IN, a);
    dispatch();
    assertThat(calls).isEmpty();
  }

  private void dispatch() {
    dispatcher.dispatch(new FakeSwitch(1, OFVersion.OF_13, 1), packetIn, new DispatchContext(packetIn, Optional.empty()));
  }

  private void add(String name, PacketInStage stage, Command result) {
    dispatcher.addListener(OFType.PACKET_IN, stage, name, listener(name, result));
  }

  private MessageListener listener(String name, Command result) {
    return (sw, message, context) -> {
      calls.add(name);
      return result;
    };
  }
}
