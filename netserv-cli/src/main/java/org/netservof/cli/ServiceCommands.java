package org.netservof.cli;

import static org.netservof.cli.JsonTable.column;
import static org.netservof.cli.JsonTable.field;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** NetServ services: a module on a pool's nodes and the steering of a filter's traffic through it. */
@Command(name = "services", mixinStandardHelpOptions = true,
    subcommands = {CtlCommand.Show.class, ServiceCommands.Create.class, ServiceCommands.Refresh.class,
        CtlCommand.Delete.class},
    description = "NetServ services (/netserv/v1/services). Without a subcommand: list them.")
final class ServiceCommands extends CtlCommand.Listing {
  static final String BASE = "/netserv/v1/services";

  ServiceCommands() {
    super(BASE, body -> table(JsonText.elements(body)), new Item("service", ServiceCommands::one));
  }

  @Command(name = "create", mixinStandardHelpOptions = true,
      description = "Create a service from JSON: {\"name\", \"filter\": {\"protocol\", \"src\", \"dst\", "
          + "\"dstPorts\"}, \"pool\" or \"node\", \"mode\", \"ttlSeconds\", \"user\", "
          + "\"module\": {\"name\", \"url\", \"sha256\", \"properties\"}}. Prints the new service.")
  static final class Create extends CtlCommand.WithBody {
    @Override
    public Integer call() {
      ctl.print(ctl.client().send("POST", BASE, body()), ServiceCommands::one);
      return 0;
    }
  }

  @Command(name = "refresh", mixinStandardHelpOptions = true,
      description = "Extend a service's lifetime: it now ends --ttl seconds from now.")
  static final class Refresh extends CtlCommand.OnItem {
    @Option(names = "--ttl", required = true, paramLabel = "SECONDS", description = "Seconds from now.")
    long ttl;

    @Override
    public Integer call() {
      if (ttl <= 0) {
        throw new CtlException(CtlException.USAGE, "--ttl must be positive, was " + ttl);
      }
      String body = ctl.client().send("POST", item() + "/refresh", ctl.write(Map.of("ttlSeconds", ttl)));
      printResult(body, "refreshed");
      return 0;
    }
  }

  static Table one(JsonNode tree) {
    return JsonTable.one(tree, ServiceCommands::table);
  }

  static Table table(List<JsonNode> services) {
    return JsonTable.of(List.of(field("ID", "id"), field("NAME", "name"), field("USER", "user"),
        column("FILTER", s -> filter(s.get("filter"))),
        column("POOL", s -> s.hasNonNull("pool") ? JsonText.text(s, "pool")
            : s.hasNonNull("node") ? "node " + JsonText.text(s, "node") : null),
        field("MODE", "mode"), field("STATE", "state"), field("NODES", "nodes"),
        column("EXPIRES", s -> JsonText.time(JsonText.field(s, "expiresAt")))), services);
  }

  /**
   * {@code udp 10.0.0.0/24->10.0.0.2:5060}: protocol, source, destination and its ports, the way one reads
   * a filter aloud; {@code *} for what the filter leaves open.
   */
  static String filter(JsonNode f) {
    if (f == null || f.isNull()) {
      return null;
    }
    if (!f.isObject()) {
      return JsonText.text(f);
    }
    String proto = or(JsonText.text(f, "protocol"), "ip");
    String src = or(JsonText.text(f, "src"), "*");
    String dst = or(JsonText.text(f, "dst"), "*") + ports(JsonText.text(f, "dstPorts"));
    return proto + " " + src + "->" + dst;
  }

  private static String ports(String ports) {
    return ports == null || ports.isBlank() ? "" : ":" + ports;
  }

  private static String or(String s, String fallback) {
    return s == null || s.isBlank() ? fallback : s;
  }
}
