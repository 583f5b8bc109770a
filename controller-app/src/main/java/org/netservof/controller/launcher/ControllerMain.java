package org.netservof.controller.launcher;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.netservof.controller.config.ConfigException;
import org.netservof.controller.config.ConfigLoader;
import org.netservof.controller.module.ModuleException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import sun.misc.Signal;

/** {@code netserv controller}: runs the controller in the foreground until SIGTERM or SIGINT. */
@Command(name = "netserv controller", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Runs the NetServ-OF controller in the foreground, logging to stdout. "
        + "Stops cleanly (exit 0) on SIGTERM or SIGINT.")
public final class ControllerMain implements Callable<Integer> {
  private static final Logger log = LoggerFactory.getLogger(ControllerMain.class);

  @Option(names = "--config", paramLabel = "FILE", description = "YAML configuration file; every key has a default "
      + "(see --print-defaults).")
  Path config;

  @Option(names = "--of-listen", paramLabel = "HOST:PORT", description = "OpenFlow listen address "
      + "(config key of-listen, default 127.0.0.1:6653).")
  String ofListen;

  @Option(names = "--node-listen", paramLabel = "HOST:PORT", description = "Where service nodes connect "
      + "(config key node-listen, default 0.0.0.0:6700; opens once node-agents declares a node).")
  String nodeListen;

  @Option(names = "--rest-listen", paramLabel = "HOST:PORT", description = "Where the REST API listens "
      + "(config key rest-listen, default 127.0.0.1:8080).")
  String restListen;

  @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override any configuration value by its dotted "
      + "path, for example --set openflow.echo-interval=2s. Repeatable.")
  Map<String, String> sets = new LinkedHashMap<>();

  @Option(names = "--print-defaults", description = "Print every configuration key with its default and exit.")
  boolean printDefaults;

  @Option(names = "--print-config", description = "Print the effective configuration and exit.")
  boolean printConfig;

  public static void main(String[] args) {
    System.exit(new CommandLine(new ControllerMain()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    if (printDefaults) {
      System.out.print(new ConfigLoader().defaultsAsYaml(Controller.configKeys(Controller.discoverModules())));
      return 0;
    }
    Map<String, String> overrides = overrides();
    if (printConfig) {
      return printConfig(overrides);
    }
    CountDownLatch stop = new CountDownLatch(1);
    AtomicReference<Controller> running = new AtomicReference<>();
    handleSignals(stop, running);
    Controller controller;
    try {
      controller = Controller.start(Optional.ofNullable(config), overrides);
    } catch (ConfigException | ModuleException e) {
      log.error("cannot start: {}", e.getMessage());
      System.err.println("netserv controller: " + e.getMessage());
      return 2;
    }
    running.set(controller);
    log.info("NetServ-OF controller running; OpenFlow on {}", controller.openFlowAddress());
    stop.await();
    log.info("stopping");
    controller.close();
    log.info("stopped");
    return 0;
  }

  /** The --set values, and the listen flags over them. */
  private Map<String, String> overrides() {
    Map<String, String> overrides = new LinkedHashMap<>(sets);
    Map<String, String> flags = new LinkedHashMap<>();
    flags.put("of-listen", ofListen);
    flags.put("node-listen", nodeListen);
    flags.put("rest-listen", restListen);
    flags.forEach((key, value) -> {
      if (value != null) {
        overrides.put(key, value);
      }
    });
    return overrides;
  }

  private int printConfig(Map<String, String> overrides) {
    try {
      System.out.print(new ConfigLoader().load(Optional.ofNullable(config), overrides,
          Controller.configKeys(Controller.discoverModules())).toYaml());
      return 0;
    } catch (ConfigException e) {
      System.err.println("netserv controller: " + e.getMessage());
      return 2;
    }
  }

  /**
   * SIGTERM and SIGINT stop, SIGHUP reloads. sun.misc.Signal (module jdk.unsupported) is the JDK's only way to
   * turn SIGTERM/SIGINT into a normal return with exit 0 instead of a shutdown-hook exit with 143, and of
   * catching SIGHUP. SIGHUP is caught from the start, so one during start-up does not kill the process (its
   * default action).
   */
  private static void handleSignals(CountDownLatch stop, AtomicReference<Controller> running) {
    Signal.handle(new Signal("TERM"), s -> stop.countDown());
    Signal.handle(new Signal("INT"), s -> stop.countDown());
    if (Signal.handle(new Signal("HUP"), s -> reload(running.get())) == sun.misc.SignalHandler.SIG_IGN) {
      // The JVM leaves a signal its parent ignored (nohup does that) ignored, handler or not.
      log.warn("SIGHUP was ignored when this process started (nohup?): the configuration cannot be read again "
          + "with it; start the controller without nohup (setsid, systemd) to reload on SIGHUP");
    }
  }

  private static void reload(Controller controller) {
    if (controller == null) {
      log.warn("SIGHUP while starting: ignored; send it again once the controller runs");
      return;
    }
    try {
      controller.reload();
      log.info("configuration read again (SIGHUP)");
    } catch (ConfigException e) {
      // The operator's file is refused and nothing failed: the controller runs on as it was. A warning, so an
      // ERROR line always means the controller itself is in trouble.
      log.warn("configuration not read again, the running one stays: {}", e.getMessage());
    }
  }
}
