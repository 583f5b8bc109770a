package org.netservof.node.container;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.netservof.protocol.node.ContainerMessage;

/** The pipe between a container and its root agent: a hostile container writes whatever it likes to it. */
class MessageLinesTest {
  private final List<ContainerMessage> messages = new ArrayList<>();
  private final List<String> notMessages = new ArrayList<>();

  @Test
  void messagesAreReadALineEachAndABadLineIsSkipped() throws Exception {
    read("{\"op\":\"stats\"}\nnot json\n\n{\"op\":\"done\",\"module\":\"m\",\"ok\":true}\n");
    assertThat(messages).containsExactly(new ContainerMessage.StatsRequest(),
        new ContainerMessage.Done("m", true, null));
    assertThat(notMessages).containsExactly("not json");
  }

  @Test
  void aLineThatNeverEndsIsSkippedWithoutBeingKeptAndTheNextMessageStillCounts() throws Exception {
    String endless = "{\"op\":\"stats\",\"x\":\"" + "a".repeat(MessageLines.MAX_LINE + 1000);
    read(endless + "\n{\"op\":\"stats\"}\n" + "b".repeat(MessageLines.MAX_LINE + 1));
    assertThat(messages).containsExactly(new ContainerMessage.StatsRequest());
    assertThat(notMessages).hasSize(2).allSatisfy(m -> assertThat(m).hasSizeLessThan(200)
        .contains("over " + MessageLines.MAX_LINE));
  }

  private void read(String text) throws Exception {
    MessageLines.readAll(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), messages::add,
        notMessages::add);
  }
}
