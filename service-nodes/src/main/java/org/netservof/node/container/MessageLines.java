package org.netservof.node.container;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.netservof.protocol.node.ContainerMessage;
import org.netservof.protocol.node.Json;

/**
 * The reading side of the pipe between agent and container, either way: one JSON {@link ContainerMessage}
 * a line until the stream ends. A line that is not a message is reported and skipped, so one bad line
 * does not end the conversation.
 */
public final class MessageLines {
  private MessageLines() {}

  /** What the reader does with each message; it may fail writing an answer. */
  @FunctionalInterface
  public interface Handler {
    void handle(ContainerMessage message) throws IOException;
  }

  /** Reads until the stream ends (the stream is not closed); lines that are not messages go to notAMessage. */
  public static void readAll(InputStream in, Handler handler, Consumer<String> notAMessage) throws IOException {
    BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    String line;
    while ((line = lines.readLine()) != null) {
      ContainerMessage message;
      try {
        message = Json.read(line, ContainerMessage.class);
      } catch (IOException e) {
        notAMessage.accept(line);
        continue;
      }
      handler.handle(message);
    }
  }
}
