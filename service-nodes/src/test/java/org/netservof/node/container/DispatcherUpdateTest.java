package org.netservof.node.container;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.netservof.node.api.ModuleContext;
import org.netservof.node.api.NetServModule;
import org.netservof.node.api.Packet;
import org.netservof.node.api.Verdict;
import org.netservof.protocol.node.ReportLimits;

/** The publisher channel inside a container: live property updates and the limits on published reports. */
class DispatcherUpdateTest {
  private final AtomicLong clock = new AtomicLong();
  private final List<String> reports = new ArrayList<>();
  private final Dispatcher dispatcher = new Dispatcher(1_000_000, 3, clock::get, (module, reason) -> {},
      (module, report) -> reports.add(module + " " + report));

  /** Counts packets and keeps its threshold live: update only swaps the property. */
  static class Live implements NetServModule {
    long packets;
    int starts;
    volatile String threshold;

    @Override
    public void start(ModuleContext context) {
      starts++;
      threshold = context.properties().get("threshold");
    }

    @Override
    public void update(ModuleContext context) {
      threshold = context.properties().get("threshold");
    }

    @Override
    public Verdict process(Packet packet, ModuleContext context) {
      packets++;
      context.publish(Map.of("packets", packets, "threshold", threshold));
      return Verdict.FORWARD;
    }
  }

  /** Refuses every update, as a module given a property it cannot use does. */
  static final class Brittle extends Live {
    @Override
    public void update(ModuleContext context) {
      throw new IllegalArgumentException("threshold must be a number");
    }
  }

  private void dispatch() {
    byte[] frame = new byte[64];
    dispatcher.dispatch(Packet.wrap(frame, frame.length), new ArrayList<>());
  }

  @Test
  void anUpdateWaitsForThePacketThreadAndKeepsTheModulesState() throws Exception {
    Live live = new Live();
    dispatcher.add("mon_1", live, Map.of("threshold", "5"), null);
    dispatch();
    CompletableFuture<String> done = dispatcher.update("mon_1", Map.of("threshold", "9"));
    assertThat(done).isNotDone();
    dispatcher.runPending();
    assertThat(done.get()).isEmpty();
    clock.addAndGet(ReportLimits.INTERVAL_NANOS);
    dispatch();
    assertThat(live.threshold).isEqualTo("9");
    assertThat(live.starts).isEqualTo(1);
    assertThat(live.packets).isEqualTo(2);
    assertThat(reports).last().asString().contains("packets=2").contains("threshold=9");
  }

  @Test
  void theDefaultUpdateRestartsTheModuleObjectWithTheNewProperties() throws Exception {
    List<String> calls = new ArrayList<>();
    NetServModule old = new NetServModule() {
      @Override
      public void start(ModuleContext context) {
        calls.add("start " + context.properties());
      }

      @Override
      public Verdict process(Packet packet, ModuleContext context) {
        return Verdict.FORWARD;
      }

      @Override
      public void stop() {
        calls.add("stop");
      }
    };
    dispatcher.add("old_1", old, Map.of("a", "1"), null);
    CompletableFuture<String> done = dispatcher.update("old_1", Map.of("a", "2"));
    dispatcher.runPending();
    assertThat(done.get()).isEmpty();
    assertThat(calls).containsExactly("start {a=1}", "stop", "start {a=2}");
  }

  @Test
  void anUpdateForAModuleThatDoesNotRunIsRefused() throws Exception {
    CompletableFuture<String> done = dispatcher.update("ghost_1", Map.of("threshold", "1"));
    dispatcher.runPending();
    assertThat(done.get()).contains("no module ghost_1");
  }

  @Test
  void anUpdateThatThrowsIsAnsweredAndCountedNotFatal() throws Exception {
    dispatcher.add("b_1", new Brittle(), Map.of(), null);
    CompletableFuture<String> done = dispatcher.update("b_1", Map.of("threshold", "x"));
    dispatcher.runPending();
    assertThat(done.get()).contains("threshold must be a number");
    assertThat(dispatcher.modules().get(0).errors.get()).isEqualTo(1);
  }

  @Test
  void aFloodOfPublishesIsCutToTheBurstThenOneASecond() throws Exception {
    dispatcher.add("mon_1", new Live(), Map.of("threshold", "5"), null);
    for (int i = 0; i < 1000; i++) {
      dispatch();
    }
    assertThat(reports).hasSize(ReportLimits.BURST);
    clock.addAndGet(ReportLimits.INTERVAL_NANOS);
    for (int i = 0; i < 1000; i++) {
      dispatch();
    }
    assertThat(reports).hasSize(ReportLimits.BURST + 1);
  }

  @Test
  void anOversizedReportIsDropped() throws Exception {
    NetServModule big = (packet, context) -> {
      context.publish(Map.of("blob", "x".repeat(ReportLimits.MAX_BYTES)));
      context.publish(Map.of("ok", 1));
      return Verdict.FORWARD;
    };
    dispatcher.add("big_1", big, Map.of(), null);
    dispatch();
    assertThat(reports).containsExactly("big_1 {ok=1}");
  }
}
