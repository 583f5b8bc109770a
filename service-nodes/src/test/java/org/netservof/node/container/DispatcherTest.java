package org.netservof.node.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.netservof.node.api.ModuleContext;
import org.netservof.node.api.NetServModule;
import org.netservof.node.api.Packet;
import org.netservof.node.api.Verdict;
import org.netservof.protocol.node.ChannelMessage;
import org.netservof.node.testing.Frames;

class DispatcherTest {
  private final AtomicLong clock = new AtomicLong();
  private final List<String> unloaded = new ArrayList<>();
  private final Dispatcher dispatcher = new Dispatcher(1_000_000, 3, clock::get,
      (module, reason) -> unloaded.add(module + ": " + reason));
  private final List<String> trace = new ArrayList<>();

  /** A module that notes each call, then does what it is told. */
  private NetServModule module(String name, Verdict verdict) {
    return (packet, context) -> {
      trace.add(name);
      return verdict;
    };
  }

  private List<Packet> dispatch() {
    byte[] frame = Frames.udp("10.0.0.1", "10.0.0.2", 64);
    List<Packet> out = new ArrayList<>();
    dispatcher.dispatch(Packet.wrap(frame, frame.length), out);
    return out;
  }

  private ChannelMessage.ModuleStats stats(String name) {
    return dispatcher.modules().stream().filter(m -> m.name.equals(name)).findFirst().orElseThrow().stats();
  }

  @Test
  void eachPacketVisitsTheModulesInInstallOrderUntilOneDropsIt() throws Exception {
    dispatcher.add("a", module("a", Verdict.FORWARD), Map.of(), null);
    dispatcher.add("b", module("b", Verdict.DROP), Map.of(), null);
    dispatcher.add("c", module("c", Verdict.FORWARD), Map.of(), null);
    assertThat(dispatch()).isEmpty();
    assertThat(trace).containsExactly("a", "b");
    assertThat(stats("a").out()).isEqualTo(1);
    assertThat(stats("b").dropped()).isEqualTo(1);
    assertThat(stats("c").in()).isZero();

    dispatcher.remove("b");
    trace.clear();
    assertThat(dispatch()).hasSize(1);
    assertThat(trace).containsExactly("a", "c");
  }

  @Test
  void emittedPacketsGoOutAfterThePacketThatCausedThem() throws Exception {
    NetServModule echo = (packet, context) -> {
      Packet copy = packet.copy();
      copy.swapMacs();
      context.emit(copy);
      return Verdict.FORWARD;
    };
    dispatcher.add("echo", echo, Map.of(), null);
    List<Packet> out = dispatch();
    assertThat(out).hasSize(2);
    assertThat(out.get(0).data()[5]).isEqualTo((byte) 2);
    assertThat(out.get(1).data()[5]).as("the emitted copy, MACs swapped").isEqualTo((byte) 1);
    assertThat(stats("echo").emitted()).isEqualTo(1);
    assertThat(dispatch()).as("emitted packets do not leak into the next dispatch").hasSize(2);
  }

  @Test
  void aModuleThatThrowsIsCountedAndUnloadedPastTheThresholdWhileTrafficFlows() throws Exception {
    dispatcher.add("broken", (packet, context) -> {
      throw new IllegalStateException("bug");
    }, Map.of(), null);
    dispatcher.add("after", module("after", Verdict.FORWARD), Map.of(), null);
    for (int i = 0; i < 5; i++) {
      assertThat(dispatch()).as("a failing module does not eat traffic").hasSize(1);
    }
    assertThat(trace).as("later modules still see every packet").hasSize(5);
    ChannelMessage.ModuleStats broken = stats("broken");
    assertThat(broken.errors()).isEqualTo(3);
    assertThat(broken.in()).as("not called once unloaded").isEqualTo(3);
    assertThat(broken.loaded()).isFalse();
    assertThat(broken.status()).contains("unloaded after 3 failures in 10 s").contains("IllegalStateException: bug");
    assertThat(unloaded).singleElement().asString().startsWith("broken: unloaded after 3 failures in 10 s");
  }

  @Test
  void failuresFarApartNeverAddUpToAnUnload() throws Exception {
    dispatcher.add("flaky", (packet, context) -> {
      throw new IllegalStateException("now and then");
    }, Map.of(), null);
    for (int i = 0; i < 10; i++) {
      dispatch();
      clock.addAndGet(Dispatcher.WINDOW_NANOS / 2 + 1); // two failures per window at most
    }
    assertThat(stats("flaky").errors()).isEqualTo(10);
    assertThat(stats("flaky").loaded()).isTrue();
    assertThat(unloaded).isEmpty();
  }

  @Test
  void aModuleThatOverrunsItsBudgetIsCountedAndUnloaded() throws Exception {
    dispatcher.add("slow", (packet, context) -> {
      clock.addAndGet(2_000_000); // 2 ms of a 1 ms budget
      return Verdict.FORWARD;
    }, Map.of(), null);
    dispatch();
    assertThat(stats("slow").overruns()).isEqualTo(1);
    assertThat(stats("slow").loaded()).isTrue();
    dispatch();
    dispatch();
    assertThat(stats("slow").loaded()).isFalse();
    assertThat(stats("slow").nanos()).isEqualTo(6_000_000);
    assertThat(unloaded).singleElement().asString().contains("overran its 1000 us budget");
  }

  @Test
  void startFailuresAndDuplicatesAreRefusedAndChangeNothing() throws Exception {
    NetServModule refusing = new NetServModule() {
      @Override
      public void start(ModuleContext context) {
        throw new IllegalArgumentException("property rate must be a whole number");
      }

      @Override
      public Verdict process(Packet packet, ModuleContext context) {
        return Verdict.DROP;
      }
    };
    assertThatThrownBy(() -> dispatcher.add("r", refusing, Map.of(), null)).hasMessageContaining("property rate");
    assertThat(dispatcher.isEmpty()).isTrue();
    dispatcher.add("a", module("a", Verdict.FORWARD), Map.of(), null);
    assertThatThrownBy(() -> dispatcher.add("a", module("a2", Verdict.DROP), Map.of(), null))
        .hasMessageContaining("loaded already");
    assertThat(dispatch()).hasSize(1);
  }
}
