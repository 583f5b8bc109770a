package org.netservof.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine.Command;

/**
 * The cluster: one row per member and switch it masters (a member that masters none has one row), the
 * answering member marked, then the store's health.
 */
@Command(name = "cluster", mixinStandardHelpOptions = true,
    description = "Members of the controller cluster, the switches each masters with the role, and whether the "
        + "store takes writes (GET /netserv/v1/cluster).")
final class ClusterCommand extends CtlCommand {
  static final String PATH = "/netserv/v1/cluster";

  @Override
  public Integer call() {
    String body = ctl.client().get(PATH);
    ctl.print(body, ClusterCommand::members);
    if (!ctl.json()) {
      JsonNode store = ctl.parse(body).path("store");
      ctl.out().println("store: " + (store.path("writable").asBoolean() ? "takes writes" : "REFUSES WRITES")
          + " (" + store.path("detail").asText() + ")");
      ctl.out().flush();
    }
    return 0;
  }

  static Table members(JsonNode body) {
    Map<String, String> ownRoles = new HashMap<>();
    for (JsonNode sw : JsonText.elements(body.path("switches"))) {
      ownRoles.put(sw.path("dpid").asText(), sw.path("role").asText());
    }
    Table t = new Table("MEMBER", "SELF", "REST-URL", "SINCE", "SWITCH", "ROLE");
    for (JsonNode m : JsonText.elements(body.path("members"))) {
      boolean self = m.path("self").asBoolean();
      String[] lead = {m.path("instanceId").asText(), self ? "*" : "", m.path("restUrl").asText(),
          JsonText.time(m.get("since"))};
      if (m.path("masters").isEmpty()) {
        t.row(lead);
      }
      for (JsonNode dpid : JsonText.elements(m.path("masters"))) {
        // The answering member knows its own role (master, or equal where nobody is elected); others master theirs.
        String role = self ? ownRoles.getOrDefault(dpid.asText(), "master") : "master";
        t.row(lead[0], lead[1], lead[2], lead[3], dpid.asText(), role);
      }
    }
    return t;
  }
}
