package org.netservof.cli;

import static org.netservof.cli.JsonTable.column;
import static org.netservof.cli.JsonTable.field;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import picocli.CommandLine.Command;

/** Service nodes and the pools they form. */
final class NodeCommands {
  private static final String POOLS = "/netserv/v1/pools";
  private static final String NODES = "/netserv/v1/nodes";

  private NodeCommands() {}

  @Command(name = "pools", mixinStandardHelpOptions = true, subcommands = CtlCommand.Show.class,
      description = "Pools of service nodes (/netserv/v1/pools). Without a subcommand: list them.")
  static final class Pools extends CtlCommand.Listing {
    Pools() {
      // The pool's shape is the server's to grow: show every field it sends.
      super(POOLS, body -> JsonTable.generic(JsonText.elements(body)));
    }
  }

  @Command(name = "nodes", mixinStandardHelpOptions = true,
      subcommands = {CtlCommand.Show.class, Nodes.Drain.class, CtlCommand.Delete.class},
      description = "Service nodes (/netserv/v1/nodes). Without a subcommand: list them.")
  static final class Nodes extends CtlCommand.Listing {
    Nodes() {
      super(NODES, body -> table(JsonText.elements(body)), new Item("node", NodeCommands::one));
    }

    @Command(name = "drain", mixinStandardHelpOptions = true,
        description = "Stop placing new flows on a node; the flows it carries finish there (reactive services only).")
    static final class Drain extends CtlCommand.OnItem {
      @Override
      public Integer call() {
        printResult(ctl.client().send("POST", item() + "/drain", null), "draining");
        return 0;
      }
    }
  }

  static Table one(JsonNode tree) {
    return JsonTable.one(tree, NodeCommands::table);
  }

  static Table table(List<JsonNode> nodes) {
    // The shape of /netserv/v1/nodes: the agent's side, when the node has one, is nested under "agent".
    return JsonTable.of(List.of(field("ID", "id"), field("POOL", "pool"),
        column("ATTACHED-TO", n -> attachment(JsonText.field(n, "attachment"))), field("STATE", "state"),
        field("STATUS", "status"), column("ADDRESS", n -> JsonText.text(n.path("agent"), "address")),
        column("USERS", n -> JsonText.text(n.path("agent"), "readyUsers")),
        column("LAST-HEARTBEAT", n -> JsonText.time(JsonText.field(n.path("agent"), "lastHeartbeat")))),
        nodes);
  }

  /** {@code DPID/PORT} from {@code {"dpid": ..., "port": ...}}, or the text the server sent. */
  private static String attachment(JsonNode a) {
    if (a == null || !a.isObject()) {
      return JsonText.text(a);
    }
    String dpid = JsonText.text(a, "dpid", "switch");
    String port = JsonText.text(a, "port");
    return dpid == null ? JsonText.pairs(a) : dpid + "/" + (port == null ? "-" : port);
  }
}
