package org.netservof.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SseParserTest {
  private static List<SseEvent> parse(String... lines) {
    SseParser p = new SseParser();
    List<SseEvent> out = new ArrayList<>();
    for (String l : lines) {
      p.line(l).ifPresent(out::add);
    }
    return out;
  }

  @Test
  void fieldsUntilABlankLineMakeOneEvent() {
    assertThat(parse("event: switch-added", "id: 7", "data: {\"dpid\":\"1\"}", ""))
        .containsExactly(new SseEvent("switch-added", "{\"dpid\":\"1\"}", "7"));
  }

  @Test
  void dataLinesAreJoinedAndCommentsSkipped() {
    assertThat(parse(": keep-alive", "data:{", "data: \"a\": 1}", "")).containsExactly(
        new SseEvent("message", "{\n\"a\": 1}", null));
  }

  @Test
  void noEventWithoutDataAndNoneBeforeTheBlankLine() {
    assertThat(parse("event: x", "")).isEmpty();
    assertThat(parse("event: x", "data: 1")).isEmpty();
  }

  @Test
  void theTypeDoesNotCarryOverToTheNextEvent() {
    assertThat(parse("event: a", "data: 1", "", "data: 2", "")).extracting(SseEvent::type)
        .containsExactly("a", "message");
  }
}
