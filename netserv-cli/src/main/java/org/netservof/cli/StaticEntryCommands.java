package org.netservof.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * Static entries, Floodlight's static entry pusher: flows and groups an operator pins on a switch by name.
 * Without a subcommand: the list of all.
 */
@Command(name = "entries", aliases = "static", mixinStandardHelpOptions = true,
    subcommands = {StaticEntryCommands.ListEntries.class, StaticEntryCommands.Add.class,
        StaticEntryCommands.Delete.class, StaticEntryCommands.Clear.class},
    description = "Static flow and group entries (/wm/staticentrypusher). Without a subcommand: list all.")
final class StaticEntryCommands extends CtlCommand.Listing {
  private static final String BASE = "/wm/staticentrypusher";

  StaticEntryCommands() {
    super(BASE + "/list/all/json", StaticEntryCommands::entries);
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "The entries of one switch, or all.")
  static final class ListEntries extends CtlCommand {
    @Parameters(arity = "0..1", defaultValue = "all", paramLabel = "DPID", description = "A switch, or all.")
    String dpid;

    @Override
    public Integer call() {
      ctl.show(BASE + "/list/" + ApiClient.segment(dpid) + "/json", StaticEntryCommands::entries);
      return 0;
    }
  }

  @Command(name = "add", mixinStandardHelpOptions = true,
      description = "Add an entry, or replace the one of the same name: Floodlight's entry JSON, e.g. "
          + "{\"switch\": \"00:00:00:00:00:00:00:01\", \"name\": \"to-pool\", \"priority\": \"40000\", "
          + "\"in_port\": \"1\", \"active\": \"true\", \"actions\": \"output=2\"}")
  static final class Add extends CtlCommand.WithBody {
    @Override
    public Integer call() {
      return status(ctl, ctl.client().send("POST", BASE + "/json", body()));
    }
  }

  @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete an entry by name.")
  static final class Delete extends CtlCommand {
    @Parameters(paramLabel = "NAME", description = "The entry's name.")
    String name;

    @Override
    public Integer call() {
      return status(ctl, ctl.client().send("DELETE", BASE + "/json", ctl.write(Map.of("name", name))));
    }
  }

  @Command(name = "clear", mixinStandardHelpOptions = true,
      description = "Delete every entry of one switch, or of all.")
  static final class Clear extends CtlCommand {
    @Parameters(paramLabel = "DPID", description = "A switch, or all (no default: this deletes).")
    String dpid;

    @Override
    public Integer call() {
      return status(ctl, ctl.client().send("DELETE", BASE + "/clear/" + ApiClient.segment(dpid) + "/json", null));
    }
  }

  /**
   * Prints a write's answer. Floodlight says "200 OK" even when it discarded the entry, with the reason in
   * {@code status} ("Warning! ... The flow has been discarded."); such an answer is a failure here, so a script
   * does not carry on as if the entry were in place.
   */
  static int status(CtlMain ctl, String body) {
    if (ctl.json()) {
      ctl.printJson(body);
    }
    JsonNode tree = ctl.parse(body);
    String status = JsonText.text(tree, "status");
    if (status == null) {
      if (!ctl.json()) {
        ctl.out().println(body.isBlank() ? "done" : body.strip());
      }
      return 0;
    }
    String lower = status.toLowerCase(Locale.ROOT);
    if (lower.startsWith("warning") || lower.startsWith("error") || lower.startsWith("could not")) {
      throw new CtlException(CtlException.API_ERROR, "the API refused: " + status);
    }
    if (!ctl.json()) {
      ctl.out().println(status);
    }
    return 0;
  }

  /** {@code {"DPID": [{"NAME": {entry}}, ...]}} as one row per entry, sorted by switch and name. */
  static Table entries(JsonNode body) {
    record Entry(String dpid, String name, JsonNode entry) {}
    List<Entry> entries = new ArrayList<>();
    for (Map.Entry<String, JsonNode> sw : body.properties()) {
      for (JsonNode wrapper : JsonText.elements(sw.getValue())) {
        for (Map.Entry<String, JsonNode> e : wrapper.properties()) {
          entries.add(new Entry(sw.getKey(), e.getKey(), e.getValue()));
        }
      }
    }
    entries.sort(Comparator.comparing(Entry::dpid).thenComparing(Entry::name));
    Table t = new Table("SWITCH", "NAME", "TYPE", "PRIORITY", "MATCH", "ACTIONS");
    for (Entry e : entries) {
      JsonNode v = e.entry();
      boolean group = v.has("group_type") || v.has("group_buckets");
      // A group has no match: its id and type take that cell, so that "group=1" in a flow's actions is easy to
      // find among the groups.
      t.row(e.dpid(), e.name(), group ? "group" : "flow", JsonText.text(v, "priority"),
          group ? "group=" + JsonText.text(v, "group_number", "group_id") + "," + JsonText.text(v, "group_type")
              : JsonText.pairs(v.get("match")),
          group ? buckets(v.get("group_buckets")) : FlowText.actions(v));
    }
    return t;
  }

  /** {@code w1:output=2 w1:output=3}: each bucket's weight and actions. */
  private static String buckets(JsonNode buckets) {
    List<String> out = new ArrayList<>();
    for (JsonNode b : JsonText.elements(buckets)) {
      String weight = JsonText.text(b, "bucket_weight");
      out.add((weight == null ? "" : "w" + weight + ":") + JsonText.text(b, "bucket_actions"));
    }
    return String.join(" ", out);
  }
}
