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

  @Test
  void aListenerThatFailsOnEveryEventIsLoggedOnceWithItsTraceAndTheOthersAreStillTold() {
    source.addListener(e -> {
      throw new IllegalStateException("bug");
    });
    source.addListener(told::add);
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
    source.addListener(e -> {
      throw new RejectedExecutionException("executor terminated");
    });
    source.addListener(told::add);
    try (LogCapture logs = new LogCapture()) {
      source.fire("switch removed");
      assertThat(logs.problems()).isEmpty();
    }
    assertThat(told).containsExactly("switch removed");
  }
}
