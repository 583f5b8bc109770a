package org.netservof.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Follows the controller's event stream: one line per event, flushed at once so that {@code | grep} and
 * {@code | jq} see it as it happens.
 */
@Command(name = "events", mixinStandardHelpOptions = true,
    description = "Follow events (GET /netserv/v1/events) until Ctrl-C: one line TIME TYPE JSON per event; "
        + "with --json only the event's JSON.")
final class EventsCommand extends CtlCommand {
  @Option(names = "--count", paramLabel = "N", description = "Stop after N events (default: never).")
  long count;

  @Override
  public Integer call() {
    if (count < 0) {
      throw new CtlException(CtlException.USAGE, "--count must not be negative, was " + count);
    }
    long[] seen = {0};
    ctl.client().stream("/netserv/v1/events", event -> {
      ctl.out().println(line(event));
      ctl.out().flush();
      seen[0]++;
      return count == 0 || seen[0] < count;
    });
    return 0;
  }

  /**
   * {@code TIME TYPE JSON}; the time is the event's own ({@code time} or {@code at}) when it has one, else when
   * it arrived. The JSON is put on one line: an event that spans lines would break a line-per-event reader.
   */
  String line(SseEvent event) {
    JsonNode data;
    try {
      data = ctl.mapper().readTree(event.data());
    } catch (JsonProcessingException e) {
      data = null; // not JSON: shown as it came, on one line
    }
    String json = data == null ? event.data().replace('\n', ' ') : data.toString();
    if (ctl.json()) {
      return json;
    }
    String time = JsonText.time(JsonText.field(data, "time", "at", "timestamp"));
    if (time == null) {
      time = ctl.clock().instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
    }
    return time + " " + event.type() + " " + json;
  }
}
