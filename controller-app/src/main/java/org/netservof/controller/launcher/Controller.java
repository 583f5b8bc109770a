package org.netservof.controller.launcher;

import com.fasterxml.jackson.core.type.TypeReference;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import org.netservof.controller.api.ConfigKey;
import org.netservof.controller.api.ControllerModule;
import org.netservof.controller.cluster.ClusterModule;
import org.netservof.controller.config.ConfigException;
import org.netservof.controller.config.ConfigLoader;
import org.netservof.controller.config.Configuration;
import org.netservof.controller.core.CoreModule;
import org.netservof.controller.module.ModuleException;
import org.netservof.controller.module.ModuleResolver;
import org.netservof.controller.module.ModuleRunner;

/**
 * A running controller: configuration loaded, modules resolved, initialised and started, the OpenFlow
 * socket open. Used by the {@code netserv controller} command and, in process, by integration tests.
 */
public final class Controller implements AutoCloseable {

  /** The loader's own key: which modules to run (the core always runs). */
  public static final ConfigKey<List<String>> MODULES = new ConfigKey<>("modules", new TypeReference<>() {},
      List.of("forwarding", "steering", "nodes", "deployments", "signaling", "rest"), "Modules to run, by name; modules they depend on are added. The core always runs.");

  private final ModuleRunner runner;
  private volatile Configuration configuration;
  /** What the configuration was read from, to read it again on reload. */
  private final Optional<Path> configFile;
  private final Map<String, String> overrides;
  private final List<ConfigKey<?>> keys;

  private Controller(ModuleRunner runner, Configuration configuration, Optional<Path> configFile,
      Map<String, String> overrides, List<ConfigKey<?>> keys) {
    this.runner = runner;
    this.configuration = configuration;
    this.configFile = configFile;
    this.overrides = Map.copyOf(overrides);
    this.keys = List.copyOf(keys);
  }

  /** Every module on the class path, found with {@link ServiceLoader}. */
  public static List<ControllerModule> discoverModules() {
    List<ControllerModule> found = new ArrayList<>();
    ServiceLoader.load(ControllerModule.class).forEach(found::add);
    return found;
  }

  /** Every configuration key: the loader's and those of every available module. */
  public static List<ConfigKey<?>> configKeys(List<ControllerModule> available) {
    List<ConfigKey<?>> keys = new ArrayList<>();
    keys.add(MODULES);
    available.forEach(m -> keys.addAll(m.configKeys()));
    return keys;
  }

  /** Starts a controller with the modules on the class path and the system clock. */
  public static Controller start(Optional<Path> configFile, Map<String, String> overrides)
      throws ConfigException, ModuleException {
    return start(configFile, overrides, discoverModules(), Clock.systemUTC());
  }

  /**
   * Starts a controller.
   *
   * @param configFile the YAML file, or empty for defaults
   * @param overrides dotted configuration paths to values; they win over the file
   * @param available the modules to choose from
   * @param clock the clock every module reads
   * @throws ConfigException when the configuration is unusable; nothing was started
   * @throws ModuleException when a module cannot be resolved or fails to start; what started is stopped
   */
  public static Controller start(Optional<Path> configFile, Map<String, String> overrides,
      List<ControllerModule> available, Clock clock) throws ConfigException, ModuleException {
    List<ConfigKey<?>> keys = configKeys(available);
    Configuration configuration = new ConfigLoader().load(configFile, overrides, keys);
    Set<String> enabled = new LinkedHashSet<>();
    enabled.add(CoreModule.NAME);
    enabled.addAll(configuration.get(MODULES));
    // The cluster module decides which switches this controller writes; it always runs where it is available,
    // unless an enabled module stands in for it (a test's fake cluster).
    available.stream().filter(m -> m.name().equals(ClusterModule.NAME)).findFirst()
        .filter(cluster -> available.stream().noneMatch(m -> enabled.contains(m.name())
            && !Collections.disjoint(m.provides(), cluster.provides())))
        .ifPresent(cluster -> enabled.add(ClusterModule.NAME));
    ModuleRunner runner = new ModuleRunner(ModuleResolver.resolve(available, enabled), available, configuration,
        clock);
    runner.start();
    return new Controller(runner, configuration, configFile, overrides, keys);
  }

  /**
   * A service of a running module.
   *
   * @throws IllegalArgumentException if no running module provides it
   */
  public <T> T service(Class<T> type) {
    return runner.service(type)
        .orElseThrow(() -> new IllegalArgumentException("no running module provides " + type.getSimpleName()));
  }

  /** A running module, by class. */
  public <M extends ControllerModule> Optional<M> module(Class<M> type) {
    return runner.module(type);
  }

  /** Names of the running modules, in start order. */
  public List<String> moduleNames() {
    return runner.modules().stream().map(ControllerModule::name).toList();
  }

  /** The address switches connect to. */
  public InetSocketAddress openFlowAddress() {
    return runner.module(CoreModule.class).flatMap(CoreModule::boundAddress)
        .orElseThrow(() -> new IllegalStateException("the OpenFlow socket is not open"));
  }

  public Configuration configuration() {
    return configuration;
  }

  /**
   * Reads the configuration file again (with the same command-line overrides) and hands it to every module,
   * which applies what it can change while running (SIGHUP does this).
   *
   * @throws ConfigException when the file no longer reads; nothing changes
   */
  public void reload() throws ConfigException {
    Configuration next = new ConfigLoader().load(configFile, overrides, keys);
    configuration = next;
    runner.reconfigure(next);
  }

  /** Stops every module, in reverse start order. */
  @Override
  public void close() {
    runner.close();
  }
}
