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
 * does not end the conversation. A line longer than {@link #MAX_LINE} characters is skipped unread (its
 * characters are dropped as they come), so a container that never ends a line cannot fill the root agent's
 * memory.
 */
public final class MessageLines {
  /** The longest line read: far above any message (a stats line carries every module's report). */
  public static final int MAX_LINE = 4 * 1024 * 1024;

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
    while ((line = readLine(lines, notAMessage)) != null) {
      if (line.isBlank()) {
        continue;
      }
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

  /** The next line within MAX_LINE characters (longer ones are reported and skipped); null at the end. */
  private static String readLine(BufferedReader in, Consumer<String> notAMessage) throws IOException {
    StringBuilder line = new StringBuilder();
    long dropped = 0;
    int c;
    while ((c = in.read()) != -1 && c != '\n') {
      if (line.length() < MAX_LINE) {
        line.append((char) c);
      } else {
        dropped++;
      }
    }
    if (c == -1 && line.length() == 0) {
      return null;
    }
    if (dropped > 0) {
      notAMessage.accept("a line over " + MAX_LINE + " characters (" + (line.length() + dropped) + "), skipped");
      return c == -1 ? null : "";
    }
    return line.toString();
  }
}
