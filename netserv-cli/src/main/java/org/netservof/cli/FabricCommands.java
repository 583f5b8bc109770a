package org.netservof.cli;

import static org.netservof.cli.JsonTable.column;
import static org.netservof.cli.JsonTable.field;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** The Floodlight-compatible reads: switches, links, hosts, and the flows a switch holds. */
final class FabricCommands {
  private FabricCommands() {}

  @Command(name = "switches", mixinStandardHelpOptions = true,
      description = "Connected switches (GET /wm/core/controller/switches/json).")
  static final class Switches extends CtlCommand.Listing {
    Switches() {
      super("/wm/core/controller/switches/json", FabricCommands::switches);
    }
  }

  @Command(name = "links", mixinStandardHelpOptions = true,
      description = "Links between switches (GET /wm/topology/links/json).")
  static final class Links extends CtlCommand.Listing {
    Links() {
      super("/wm/topology/links/json", FabricCommands::links);
    }
  }

  @Command(name = "hosts", mixinStandardHelpOptions = true, description = "Known hosts (GET /wm/device/).")
  static final class Hosts extends CtlCommand.Listing {
    Hosts() {
      super("/wm/device/", FabricCommands::hosts);
    }
  }

  @Command(name = "flows", mixinStandardHelpOptions = true,
      description = "The flow entries a switch holds, read from the switch (GET /wm/core/switch/DPID/flow/json).")
  static final class Flows extends CtlCommand {
    @Parameters(arity = "0..1", defaultValue = "all", paramLabel = "DPID",
        description = "The switch (00:00:00:00:00:00:00:01), or all (default).")
    String dpid;

    @Override
    public Integer call() {
      ctl.show("/wm/core/switch/" + ApiClient.segment(dpid) + "/flow/json", body -> flows(body, dpid));
      return 0;
    }
  }

  static Table switches(JsonNode body) {
    List<JsonNode> items = JsonText.elements(body);
    items.sort(Comparator.comparing(s -> String.valueOf(JsonText.text(s, "switchDPID", "dpid"))));
    return JsonTable.of(List.of(field("DPID", "switchDPID", "dpid"), field("ADDRESS", "inetAddress", "address"),
        field("VERSION", "openFlowVersion", "version"),
        column("CONNECTED-SINCE", s -> JsonText.time(JsonText.field(s, "connectedSince", "connected-since")))),
        items);
  }

  static Table links(JsonNode body) {
    return JsonTable.of(List.of(field("SRC-SWITCH", "src-switch"), field("SRC-PORT", "src-port"),
        field("DST-SWITCH", "dst-switch"), field("DST-PORT", "dst-port"), field("TYPE", "type"),
        field("DIRECTION", "direction"), field("LATENCY-MS", "latency")), JsonText.elements(body));
  }

  static Table hosts(JsonNode body) {
    // Floodlight wraps the list: {"devices": [...]}; a bare list is accepted too.
    JsonNode list = body.isArray() ? body : body.path("devices");
    return JsonTable.of(List.of(field("MAC", "mac"), field("IPV4", "ipv4"), field("VLAN", "vlan"),
        column("ATTACHED-TO", FabricCommands::attachments),
        column("LAST-SEEN", h -> JsonText.time(JsonText.field(h, "lastSeen", "last-seen")))),
        JsonText.elements(list));
  }

  /** {@code 00:00:00:00:00:00:00:01/1}, comma separated when a host has several. */
  private static String attachments(JsonNode host) {
    List<String> out = new ArrayList<>();
    for (JsonNode ap : JsonText.elements(JsonText.field(host, "attachmentPoint", "attachment-points"))) {
      out.add(JsonText.text(ap, "switch", "dpid") + "/" + JsonText.text(ap, "port"));
    }
    return String.join(",", out);
  }

  /**
   * The flows of one switch ({@code {"flows": [...]}}, Floodlight's single-switch answer) or of several
   * ({@code {"DPID": {"flows": [...]}, ...}}), sorted by switch, table, then priority (highest first): the order
   * a switch matches in.
   */
  static Table flows(JsonNode body, String requested) {
    record Flow(String dpid, JsonNode flow) {}
    List<Flow> flows = new ArrayList<>();
    if (body.has("flows")) {
      JsonText.elements(body.get("flows")).forEach(f -> flows.add(new Flow(requested, f)));
    } else {
      for (Map.Entry<String, JsonNode> e : body.properties()) {
        JsonText.elements(e.getValue().path("flows")).forEach(f -> flows.add(new Flow(e.getKey(), f)));
      }
    }
    flows.sort(Comparator.comparing(Flow::dpid)
        .thenComparingLong(f -> number(JsonText.text(f.flow(), "table_id")))
        .thenComparing(Comparator.comparingLong((Flow f) -> number(JsonText.text(f.flow(), "priority")))
            .reversed()));
    Table t = new Table("SWITCH", "TABLE", "PRIORITY", "COOKIE", "PACKETS", "BYTES", "AGE-S", "MATCH", "ACTIONS");
    for (Flow f : flows) {
      JsonNode flow = f.flow();
      t.row(f.dpid(), JsonText.text(flow, "table_id"), JsonText.text(flow, "priority"),
          cookie(JsonText.text(flow, "cookie")), JsonText.text(flow, "packet_count"), JsonText.text(flow, "byte_count"),
          JsonText.text(flow, "duration_sec"), JsonText.pairs(flow.get("match")), FlowText.actions(flow));
    }
    return t;
  }

  /**
   * A cookie in hex: its top byte names the owner (0x01 core, 0x02 forwarding, 0x10 steering...), which the
   * decimal Floodlight writes hides.
   */
  static String cookie(String decimal) {
    if (decimal == null) {
      return null;
    }
    try {
      return "0x" + Long.toHexString(Long.parseUnsignedLong(decimal));
    } catch (NumberFormatException e) {
      return decimal;
    }
  }

  /** Decimal or 0x hex as Floodlight writes them; unparsable sorts first. */
  static long number(String s) {
    if (s == null) {
      return -1;
    }
    try {
      return s.startsWith("0x") ? Long.parseUnsignedLong(s.substring(2), 16) : Long.parseLong(s);
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
