package org.netservof.cli;

import static org.netservof.cli.JsonTable.column;
import static org.netservof.cli.JsonTable.field;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** Service nodes and the pools they form. */
final class NodeCommands {
  private static final String POOLS = "/netserv/v1/pools";
  private static final String NODES = "/netserv/v1/nodes";

  private NodeCommands() {}

  @Command(name = "pools", mixinStandardHelpOptions = true, subcommands = Pools.Show.class,
      description = "Pools of service nodes (/netserv/v1/pools). Without a subcommand: list them.")
  static final class Pools implements Callable<Integer> {
    private final CtlMain ctl;

    Pools(CtlMain ctl) {
      this.ctl = ctl;
    }

    @Override
    public Integer call() {
      // The pool's shape is the server's to grow: show every field it sends.
      ctl.show(POOLS, body -> JsonTable.generic(JsonText.elements(body)));
      return 0;
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "One pool, every field.")
    static final class Show implements Callable<Integer> {
      private final CtlMain ctl;

      @Parameters(paramLabel = "NAME") String name;

      Show(CtlMain ctl) {
        this.ctl = ctl;
      }

      @Override
      public Integer call() {
        ctl.show(POOLS + "/" + ApiClient.segment(name), JsonTable::details);
        return 0;
      }
    }
  }

  @Command(name = "nodes", mixinStandardHelpOptions = true,
      subcommands = {Nodes.Show.class, Nodes.Drain.class, Nodes.Delete.class},
      description = "Service nodes (/netserv/v1/nodes). Without a subcommand: list them.")
  static final class Nodes implements Callable<Integer> {
    private final CtlMain ctl;

    Nodes(CtlMain ctl) {
      this.ctl = ctl;
    }

    @Override
    public Integer call() {
      ctl.show(NODES, body -> table(JsonText.elements(body)));
      return 0;
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "One node, every field.")
    static final class Show implements Callable<Integer> {
      private final CtlMain ctl;

      @Parameters(paramLabel = "ID") String id;

      Show(CtlMain ctl) {
        this.ctl = ctl;
      }

      @Override
      public Integer call() {
        ctl.show(NODES + "/" + ApiClient.segment(id), JsonTable::details);
        return 0;
      }
    }

    @Command(name = "drain", mixinStandardHelpOptions = true,
        description = "Stop placing new flows on a node; the flows it carries finish there (reactive services only).")
    static final class Drain implements Callable<Integer> {
      private final CtlMain ctl;

      @Parameters(paramLabel = "ID") String id;

      Drain(CtlMain ctl) {
        this.ctl = ctl;
      }

      @Override
      public Integer call() {
        ctl.printResult(ctl.client().send("POST", NODES + "/" + ApiClient.segment(id) + "/drain", null),
            "draining node " + id, NodeCommands::one);
        return 0;
      }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Forget a node.")
    static final class Delete implements Callable<Integer> {
      private final CtlMain ctl;

      @Parameters(paramLabel = "ID") String id;

      Delete(CtlMain ctl) {
        this.ctl = ctl;
      }

      @Override
      public Integer call() {
        ctl.printResult(ctl.client().send("DELETE", NODES + "/" + ApiClient.segment(id), null),
            "deleted node " + id, NodeCommands::one);
        return 0;
      }
    }
  }

  /** A single object the server sent back: as a one-row table when it is one of these. */
  static Table one(JsonNode tree) {
    return tree.isObject() && tree.has("id") ? table(List.of(tree)) : JsonTable.details(tree);
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
