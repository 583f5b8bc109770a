package org.netservof.controller.util;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.netservof.controller.testing.LogCapture;

class EventSourceTest {
  /** A source of strings, told to listeners that are consumers. */
  private static final class Source extends EventSource<Consumer<String>> {
    void fire(String event) {
      tell(l -> l.accept(event), "event " + event);
    }
  }

  private final Source source = new Source();
  private final List<String> told = new ArrayList<>();

  /** A listener that throws {@code failure} on every event, then one that records them. */
  private void listenersFailingWith(RuntimeException failure) {
    source.addListener(e -> {
      throw failure;
    });
    source.addListener(told::add);
  }

  @Test
  void aListenerThatFailsOnEveryEventIsLoggedOnceWithItsTraceAndTheOthersAreStillTold() {
    listenersFailingWith(new IllegalStateException("bug"));
    try (LogCapture logs = new LogCapture()) {
      for (int i = 0; i < 1000; i++) {
        source.fire("port flapped");
      }
      assertThat(logs.problems()).hasSize(1);
      assertThat(logs.problems().get(0)).contains("failed on event port flapped")
          .contains("IllegalStateException: bug");
    }
    assertThat(told).hasSize(1000);
  }

  @Test
  void aListenerWhoseExecutorStoppedIsSkippedQuietly() {
    listenersFailingWith(new RejectedExecutionException("executor terminated"));
    try (LogCapture logs = new LogCapture()) {
      source.fire("switch removed");
      assertThat(logs.problems()).isEmpty();
    }
    assertThat(told).containsExactly("switch removed");
  }
}
