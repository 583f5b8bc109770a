package org.netservof.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.lang.reflect.Constructor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * {@code netserv ctl}: the operator's client for the controller's REST API. Readable tables by default,
 * {@code --json} for scripts.
 *
 * <pre>
 * ./netserv ctl switches                      # DPID, ADDRESS, VERSION, CONNECTED-SINCE
 * ./netserv ctl links | hosts
 * ./netserv ctl flows 00:00:00:00:00:00:00:01 # or: flows all
 * ./netserv ctl entries [list DPID|all]       # static entries (Floodlight's static entry pusher)
 * ./netserv ctl entries add entry.json        # or '-' for stdin; Floodlight's entry JSON
 * ./netserv ctl entries delete NAME
 * ./netserv ctl entries clear DPID|all
 * ./netserv ctl services                      # ID, NAME, USER, FILTER, POOL, MODE, STATE, NODES, EXPIRES
 * ./netserv ctl services show ID
 * ./netserv ctl services create service.json  # or '-'; prints the new service
 * ./netserv ctl services refresh ID --ttl 600
 * ./netserv ctl services delete ID
 * ./netserv ctl pools [show NAME]
 * ./netserv ctl nodes [show ID | drain ID | delete ID]
 * ./netserv ctl users [show NAME]
 * ./netserv ctl events                        # TIME TYPE JSON per event until Ctrl-C
 * ./netserv ctl audit --since 0 --limit 100
 * ./netserv ctl cluster                       # MEMBER, SELF, REST-URL, SINCE, SWITCH, ROLE; store health
 *
 * Options (before or after the command):
 *   --url URL          the API (default http://127.0.0.1:8080; env NETSERV_URL)
 *   --token TOKEN      an operator's bearer token (env NETSERV_TOKEN)
 *   --token-file FILE  a file holding it (env NETSERV_TOKEN_FILE); flags win over the environment
 *   --json [--pretty]  print the server's JSON as it came (or re-indented) instead of a table
 *   --timeout 30s      how long to wait for an answer
 *
 * Exit: 0 done; 1 the API answered an error ("error: 401 Unauthorized: ..." on stderr); 2 bad usage;
 * 3 nothing answered at the URL.
 * </pre>
 *
 * <p>The environment, stdin, stdout, stderr and clock are injected, and nothing is static: a test runs the
 * whole client in-process, against a server of its own, with the environment it chooses.
 */
@Command(name = "netserv ctl", mixinStandardHelpOptions = true,
    subcommands = {FabricCommands.Switches.class, FabricCommands.Links.class, FabricCommands.Hosts.class,
        FabricCommands.Flows.class, StaticEntryCommands.class, ServiceCommands.class, NodeCommands.Pools.class,
        NodeCommands.Nodes.class, UserCommands.class, EventsCommand.class, AuditCommand.class,
        StoreBackupCommand.class, ClusterCommand.class},
    description = "The controller's REST API from the command line. Exit 0 on success, 1 when the API answered "
        + "an error, 2 on bad usage, 3 when nothing answered at the URL.")
public final class CtlMain implements Callable<Integer> {
  @Option(names = "--url", scope = ScopeType.INHERIT, paramLabel = "URL",
      description = "The REST API (default " + ClientSettings.DEFAULT_URL + ", or NETSERV_URL).")
  String url;

  @Option(names = "--token", scope = ScopeType.INHERIT, paramLabel = "TOKEN",
      description = "An operator's bearer token (or NETSERV_TOKEN). Writes need one.")
  String token;

  @Option(names = "--token-file", scope = ScopeType.INHERIT, paramLabel = "FILE",
      description = "A file holding the token (or NETSERV_TOKEN_FILE).")
  Path tokenFile;

  @Option(names = "--json", scope = ScopeType.INHERIT,
      description = "Print the server's JSON as it came instead of a table.")
  boolean json;

  @Option(names = "--pretty", scope = ScopeType.INHERIT, description = "With --json: indent the JSON.")
  boolean pretty;

  @Option(names = "--timeout", scope = ScopeType.INHERIT, defaultValue = "30s", paramLabel = "DURATION",
      converter = DurationOption.class,
      description = "How long to wait for an answer (default ${DEFAULT-VALUE}).")
  Duration timeout;

  @Spec CommandSpec spec;

  private final Function<String, String> env;
  private final InputStream in;
  private final PrintWriter out;
  private final PrintWriter err;
  private final Clock clock;
  private final ObjectMapper mapper = new ObjectMapper();
  private ApiClient client;

  /**
   * @param env the environment, {@code System::getenv} in production
   * @param in where {@code -} reads a request body from
   */
  public CtlMain(Function<String, String> env, InputStream in, PrintWriter out, PrintWriter err, Clock clock) {
    this.env = Objects.requireNonNull(env, "env");
    this.in = Objects.requireNonNull(in, "in");
    this.out = Objects.requireNonNull(out, "out");
    this.err = Objects.requireNonNull(err, "err");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
    PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
    System.exit(new CtlMain(System::getenv, System.in, out, err, Clock.systemUTC()).run(args));
  }

  /** Parses and runs one command line; returns the exit code. One instance runs one command line. */
  public int run(String... args) {
    CommandLine cl = new CommandLine(this, new Factory(this));
    cl.setOut(out);
    cl.setErr(err);
    cl.setExecutionExceptionHandler((e, line, parsed) -> {
      if (e instanceof CtlException c) {
        err.println("error: " + c.getMessage());
        err.flush();
        return c.exitCode();
      }
      err.println("error: " + e);
      err.flush();
      return CtlException.API_ERROR;
    });
    int code = cl.execute(args);
    out.flush();
    err.flush();
    return code;
  }

  @Override
  public Integer call() {
    spec.commandLine().usage(err);
    return CtlException.USAGE;
  }

  // ---- what the commands share ----

  /** The client, resolved from the flags and environment on first use (a usage error is thrown then). */
  ApiClient client() {
    if (client == null) {
      client = new ApiClient(ClientSettings.resolve(url, token, tokenFile, env), timeout, mapper);
    }
    return client;
  }

  PrintWriter out() {
    return out;
  }

  Clock clock() {
    return clock;
  }

  boolean json() {
    return json;
  }

  ObjectMapper mapper() {
    return mapper;
  }

  /** GETs {@code path} and prints it: the JSON with {@code --json}, else the table {@code table} makes of it. */
  void show(String path, Function<JsonNode, Table> table) {
    print(client().get(path), table);
  }

  void print(String body, Function<JsonNode, Table> table) {
    if (json) {
      printJson(body);
      refuseFloodlightError(parse(body));
      return;
    }
    JsonNode tree = parse(body);
    refuseFloodlightError(tree);
    table.apply(tree).print(out);
  }

  /**
   * Floodlight-style endpoints answer some errors with 200 and {@code {"ERROR": "..."}} (an unknown dpid, say):
   * that is a failure, not an empty table, and the exit code says so.
   */
  private static void refuseFloodlightError(JsonNode tree) {
    if (tree.isObject() && tree.size() <= 2 && tree.path("ERROR").isTextual()) {
      throw new CtlException(CtlException.API_ERROR, "the API refused: " + tree.get("ERROR").asText());
    }
    JsonNode stats = tree.path("   ");
    if (tree.isObject() && stats.isTextual() && stats.asText().startsWith("An error has occurred")) {
      throw new CtlException(CtlException.API_ERROR, "the API refused: an invalid dpid or statistics request, "
          + "or the switch is not connected or does not support it");
    }
  }

  /**
   * A write's answer: what {@code table} makes of the object the server sent back, or, when it sent nothing
   * (204), the line {@code done}.
   */
  void printResult(String body, String done, Function<JsonNode, Table> table) {
    if (body.isBlank()) {
      if (!json) {
        out.println(done);
        out.flush();
      }
      return;
    }
    print(body, table);
  }

  /** The body as it came (one trailing newline), or indented with {@code --pretty}. */
  void printJson(String body) {
    if (pretty && !body.isBlank()) {
      try {
        out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(parse(body)));
      } catch (JsonProcessingException e) {
        throw new IllegalStateException(e); // a tree that was just parsed always writes
      }
    } else {
      out.println(body.strip());
    }
    out.flush();
  }

  JsonNode parse(String body) {
    if (body == null || body.isBlank()) {
      return mapper.missingNode();
    }
    try {
      return mapper.readTree(body);
    } catch (JsonProcessingException e) {
      throw new CtlException(CtlException.API_ERROR, "the API at " + client().uri("") + " answered with "
          + "something that is not JSON: " + e.getOriginalMessage());
    }
  }

  /**
   * A request body from a file, or from stdin for {@code -}. Checked to be JSON before anything is sent: a
   * typo is a usage error here, not a 400 from the server after a round trip.
   */
  String readBody(String source) {
    String text;
    try {
      text = "-".equals(source) ? new String(in.readAllBytes(), StandardCharsets.UTF_8)
          : Files.readString(Path.of(source), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new CtlException(CtlException.USAGE, "cannot read " + ("-".equals(source) ? "stdin" : source) + ": "
          + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage()));
    }
    try {
      JsonNode tree = mapper.readTree(text);
      if (tree == null || !tree.isObject()) {
        throw new CtlException(CtlException.USAGE, "the body in " + source + " must be one JSON object");
      }
    } catch (JsonProcessingException e) {
      throw new CtlException(CtlException.USAGE, "the body in " + source + " is not JSON: "
          + e.getOriginalMessage() + (e.getLocation() == null ? ""
              : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")"));
    }
    return text;
  }

  /** JSON text of a small object the client builds itself ({@code {"name": ...}}). */
  String write(Object value) {
    try {
      return mapper.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("value: " + e.getOriginalMessage(), e);
    }
  }

  /**
   * Creates the command classes: a {@link CtlCommand} gets this instance before it runs; picocli's own classes
   * are made as picocli makes them.
   */
  private static final class Factory implements CommandLine.IFactory {
    private final CtlMain ctl;

    Factory(CtlMain ctl) {
      this.ctl = ctl;
    }

    @Override
    public <K> K create(Class<K> cls) throws Exception {
      if (!CtlCommand.class.isAssignableFrom(cls)) {
        return CommandLine.defaultFactory().create(cls);
      }
      Constructor<K> constructor = cls.getDeclaredConstructor();
      constructor.setAccessible(true);
      K command = constructor.newInstance();
      ((CtlCommand) command).bind(ctl);
      return command;
    }
  }
}
