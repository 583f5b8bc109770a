package org.netservof.cli;

import static org.netservof.cli.JsonTable.field;

import java.util.List;
import picocli.CommandLine.Command;

/** The users who may signal, and what each may ask for. */
@Command(name = "users", mixinStandardHelpOptions = true, subcommands = CtlCommand.Show.class,
    description = "Users and their grants (/netserv/v1/users). Without a subcommand: list them.")
final class UserCommands extends CtlCommand.Listing {
  private static final String BASE = "/netserv/v1/users";

  UserCommands() {
    super(BASE, body -> JsonTable.of(List.of(field("NAME", "name"), field("GRANTS", "grants"),
        field("MAX-SERVICES", "maxServices"), field("MAX-RATE-KBPS", "maxRateKbps"), field("SERVICES", "services")),
        JsonText.elements(body)));
  }
}
