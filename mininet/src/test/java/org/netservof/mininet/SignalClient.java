package org.netservof.mininet;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.netservof.bridge.api.ModuleInstall;

/** The project's signaling client, run on the provider host h1 toward the user host h2 (user alice unless told). */
final class SignalClient {
  private static final String CLIENT = "org.netservof.cli.SignalMain";

  private SignalClient() {}

  /** Runs one signaling command on h1 and answers its exit code, stdout and stderr. */
  static JsonNode signal(MininetNetwork net, String command, Path key, String... more) throws Exception {
    List<Object> args = new ArrayList<>(List.of(command, "--to", FabricTraffic.USER_HOST, "--key", key.toString(),
        "--timeout", "20s"));
    if (!List.of(more).contains("--user")) {
      args.addAll(List.of("--user", "alice"));
    }
    args.addAll(List.of(more));
    Map<String, Object> call = Map.of("host", "h1", "java",
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "lib", MininetScenario.root().resolve("mininet/target/lib").toString(), "main", CLIENT, "args", args);
    JsonNode out = net.command(Duration.ofSeconds(60), "java", call);
    System.out.println("signal " + command + " -> exit " + out.get("exit") + "\n" + out.get("stdout").asText()
        + out.get("stderr").asText());
    return out;
  }

  /** The arguments of a SETUP of the module for UDP to the user host's port 5060. */
  static String[] setup(ModuleInstall module, int ttl, String... more) {
    List<String> args = new ArrayList<>(List.of("--module", module.module(), "--url", module.url().toString(),
        "--sha256", module.sha256(), "--filter-proto", "udp", "--filter-port", "5060", "--filter-dst",
        FabricTraffic.USER_HOST + "/32", "--ttl", String.valueOf(ttl)));
    args.addAll(List.of(more));
    return args.toArray(String[]::new);
  }
}
