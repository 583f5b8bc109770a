package org.netservof.cli;

import java.util.Optional;

/**
 * Assembles server-sent events from the stream's lines (the text/event-stream format of the HTML standard):
 * {@code field: value} lines, a blank line ends an event, lines starting with {@code :} are comments (servers
 * send them to keep a connection open). Not thread-safe: one parser per stream.
 */
final class SseParser {
  private String type;
  private StringBuilder data;
  private String id;

  /** Feeds one line (without its line ending); returns the event this line completed, if any. */
  Optional<SseEvent> line(String line) {
    if (line.isEmpty()) {
      return dispatch();
    }
    if (line.startsWith(":")) {
      return Optional.empty();
    }
    int colon = line.indexOf(':');
    String field = colon < 0 ? line : line.substring(0, colon);
    String value = colon < 0 ? "" : line.substring(colon + 1);
    if (value.startsWith(" ")) {
      value = value.substring(1);
    }
    switch (field) {
      case "event" -> type = value;
      case "data" -> {
        if (data == null) {
          data = new StringBuilder(value);
        } else {
          data.append('\n').append(value);
        }
      }
      case "id" -> id = value;
      default -> { } // "retry" and unknown fields: nothing for a printer to do
    }
    return Optional.empty();
  }

  private Optional<SseEvent> dispatch() {
    // An event without data is not dispatched (the standard's rule): it only set fields.
    Optional<SseEvent> out = data == null ? Optional.empty()
        : Optional.of(new SseEvent(type == null || type.isEmpty() ? "message" : type, data.toString(), id));
    type = null;
    data = null;
    return out;
  }
}
