package org.netservof.cli;

import static org.netservof.cli.JsonTable.column;
import static org.netservof.cli.JsonTable.field;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The audit log: every write the API was asked for, refused ones included. */
@Command(name = "audit", mixinStandardHelpOptions = true,
    description = "Writes the API was asked for, oldest first (GET /netserv/v1/audit).")
final class AuditCommand extends CtlCommand {
  @Option(names = "--since", paramLabel = "SEQ", description = "Only entries after this sequence number.")
  Long since;

  @Option(names = "--limit", paramLabel = "N", description = "At most the newest N (the server's default "
      + "otherwise).")
  Integer limit;

  @Override
  public Integer call() {
    List<String> query = new ArrayList<>();
    if (since != null) {
      query.add("since=" + since);
    }
    if (limit != null) {
      query.add("limit=" + limit);
    }
    String path = "/netserv/v1/audit" + (query.isEmpty() ? "" : "?" + String.join("&", query));
    ctl.show(path, body -> JsonTable.of(List.of(field("SEQ", "sequence"),
        column("TIME", e -> JsonText.time(JsonText.field(e, "at", "time"))), field("OPERATOR", "operator"),
        field("METHOD", "method"), field("PATH", "path"), field("STATUS", "status"), field("DETAIL", "detail")),
        JsonText.elements(body)));
    return 0;
  }
}
