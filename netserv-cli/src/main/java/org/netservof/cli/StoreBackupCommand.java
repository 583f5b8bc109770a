package org.netservof.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** A copy of the controller's store taken while it runs (admin token). */
@Command(name = "store-backup", mixinStandardHelpOptions = true,
    description = "Saves a consistent copy of the controller's embedded store to FILE while it runs "
        + "(GET /netserv/v1/store/backup; needs an admin token). Restore: stop the controller, put FILE in "
        + "place of store-path/intent.mv.db, start it.")
final class StoreBackupCommand extends CtlCommand {
  @Parameters(paramLabel = "FILE", description = "Where to write the copy; must not exist yet.")
  Path file;

  @Override
  public Integer call() {
    if (Files.exists(file)) {
      throw new CtlException(CtlException.USAGE, file + " exists already; give a new file name");
    }
    ctl.client().download("/netserv/v1/store/backup", file);
    ctl.out().println("store copied to " + file);
    return 0;
  }
}
