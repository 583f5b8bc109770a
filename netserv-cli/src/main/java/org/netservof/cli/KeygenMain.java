package org.netservof.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.netservof.protocol.signaling.SignalKeys;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code netserv keygen}: a user's Ed25519 key pair for signing signaling messages. */
@Command(name = "netserv keygen", mixinStandardHelpOptions = true,
    description = "Writes a new Ed25519 key pair: the private key to FILE (mode 600) and the public key to FILE.pub, "
        + "both PEM. Give FILE.pub to the controllers' operators (users: public-key-file); keep FILE.")
public final class KeygenMain implements Callable<Integer> {
  @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write the private key.")
  Path out;

  public static void main(String[] args) {
    System.exit(new CommandLine(new KeygenMain()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    SignalKeys.generate(out);
    System.out.println("private key: " + out);
    System.out.println("public key:  " + SignalKeys.publicFile(out));
    return 0;
  }
}
