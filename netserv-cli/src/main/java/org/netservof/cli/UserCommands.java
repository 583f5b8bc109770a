package org.netservof.cli;

import static org.netservof.cli.JsonTable.field;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** The users who may signal, and what each may ask for. */
@Command(name = "users", mixinStandardHelpOptions = true, subcommands = UserCommands.Show.class,
    description = "Users and their grants (/netserv/v1/users). Without a subcommand: list them.")
final class UserCommands implements Callable<Integer> {
  private static final String BASE = "/netserv/v1/users";
  private final CtlMain ctl;

  UserCommands(CtlMain ctl) {
    this.ctl = ctl;
  }

  @Override
  public Integer call() {
    ctl.show(BASE, body -> JsonTable.of(List.of(field("NAME", "name"),
        field("GRANTS", "grants"), field("MAX-SERVICES", "maxServices"), field("MAX-RATE-KBPS", "maxRateKbps"),
        field("SERVICES", "services")), JsonText.elements(body)));
    return 0;
  }

  @Command(name = "show", mixinStandardHelpOptions = true, description = "One user, every field.")
  static final class Show implements Callable<Integer> {
    private final CtlMain ctl;

    @Parameters(paramLabel = "NAME") String name;

    Show(CtlMain ctl) {
      this.ctl = ctl;
    }

    @Override
    public Integer call() {
      ctl.show(BASE + "/" + ApiClient.segment(name), JsonTable::details);
      return 0;
    }
  }
}
