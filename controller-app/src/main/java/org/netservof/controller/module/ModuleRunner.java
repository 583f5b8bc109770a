package org.netservof.controller.module;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.netservof.controller.api.ConfigKey;
import org.netservof.controller.api.ControllerModule;
import org.netservof.controller.api.ModuleCatalog;
import org.netservof.controller.api.ModuleContext;
import org.netservof.controller.config.Configuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs resolved modules through their life cycle: init all, start all, tell all they started; shut down
 * in reverse order. A failure at any step shuts down what ran so far and names the module that failed.
 */
public final class ModuleRunner implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ModuleRunner.class);
  private final List<ControllerModule> modules;
  private final Configuration configuration;
  private final Clock clock;
  private final Map<Class<?>, Object> services = new HashMap<>();
  private final List<ControllerModule> initialised = new ArrayList<>();
  private boolean closed;

  public ModuleRunner(List<ControllerModule> modules, Configuration configuration, Clock clock) {
    this(modules, modules, configuration, clock);
  }

  /**
   * @param modules the resolved modules, in start order
   * @param available every module found, for the {@link ModuleCatalog} the runner offers all of them
   */
  public ModuleRunner(List<ControllerModule> modules, List<ControllerModule> available, Configuration configuration,
      Clock clock) {
    this.modules = List.copyOf(modules);
    this.configuration = configuration;
    this.clock = clock;
    services.put(ModuleCatalog.class, new LoaderCatalog(available, this.modules, services));
  }

  /** Initialises and starts every module. */
  public void start() throws ModuleException {
    try {
      for (ControllerModule module : modules) {
        Context context = new Context(module, configuration);
        step(module, "init", () -> module.init(context));
        initialised.add(module);
        for (Class<?> service : module.provides()) {
          if (!context.provided.contains(service)) {
            throw new ModuleException("module '" + module.name() + "' declares " + service.getSimpleName()
                + " but did not provide it in init");
          }
        }
      }
      for (ControllerModule module : modules) {
        step(module, "start", () -> module.startUp(new Context(module, configuration)));
      }
      for (ControllerModule module : modules) {
        step(module, "finish starting", module::allStarted);
      }
    } catch (ModuleException e) {
      close();
      throw e;
    }
    log.info("modules running: {}", modules.stream().map(ControllerModule::name).toList());
  }

  /**
   * Gives every module a configuration read again. Modules are told in start order; one that fails is logged
   * and does not stop the others.
   */
  public synchronized void reconfigure(Configuration next) {
    for (ControllerModule module : modules) {
      try {
        module.reconfigure(new Context(module, next));
      } catch (Exception e) {
        log.error("module '{}' failed to take the new configuration; it keeps the old one", module.name(), e);
      }
    }
  }

  /** The implementation of a service, for the launcher and tests. */
  public <T> Optional<T> service(Class<T> type) {
    return Optional.ofNullable(type.cast(services.get(type)));
  }

  /** The running module of a class, for the launcher and tests. */
  public <M extends ControllerModule> Optional<M> module(Class<M> type) {
    return modules.stream().filter(type::isInstance).map(type::cast).findFirst();
  }

  public List<ControllerModule> modules() {
    return modules;
  }

  /** Shuts down every initialised module in reverse order; a module that fails to stop does not stop the rest. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    List<ControllerModule> reverse = new ArrayList<>(initialised);
    Collections.reverse(reverse);
    for (ControllerModule module : reverse) {
      try {
        module.shutDown();
      } catch (RuntimeException e) {
        log.error("module '{}' failed to shut down", module.name(), e);
      }
    }
  }

  private interface Step {
    void run() throws Exception;
  }

  private static void step(ControllerModule module, String what, Step step) throws ModuleException {
    try {
      step.run();
    } catch (ModuleException e) {
      throw e;
    } catch (Exception e) {
      throw new ModuleException("module '" + module.name() + "' failed to " + what + ": " + e.getMessage(), e);
    }
  }

  private final class Context implements ModuleContext {
    private final ControllerModule module;
    private final Configuration configuration;
    private final Set<Class<?>> provided = new HashSet<>();

    Context(ControllerModule module, Configuration configuration) {
      this.module = module;
      this.configuration = configuration;
    }

    @Override
    public <T> Optional<T> optionalService(Class<T> type) {
      if (!module.optionallyDependsOn().contains(type)) {
        throw new IllegalStateException("module '" + module.name() + "' asked for " + type.getSimpleName()
            + " without declaring it in optionallyDependsOn()");
      }
      return Optional.ofNullable(type.cast(services.get(type)));
    }

    @Override
    public <T> T service(Class<T> type) {
      if (!module.dependsOn().contains(type)) {
        throw new IllegalStateException("module '" + module.name() + "' asked for " + type.getSimpleName()
            + " without declaring it in dependsOn()");
      }
      Object implementation = services.get(type);
      if (implementation == null) {
        throw new IllegalStateException("no module provided " + type.getSimpleName() + " to '" + module.name() + "'");
      }
      return type.cast(implementation);
    }

    @Override
    public <T> void provide(Class<T> type, T implementation) {
      if (!module.provides().contains(type)) {
        throw new IllegalStateException("module '" + module.name() + "' provided " + type.getSimpleName()
            + " without declaring it in provides()");
      }
      if (!provided.add(type)) {
        throw new IllegalStateException("module '" + module.name() + "' provided " + type.getSimpleName() + " twice");
      }
      services.put(type, type.cast(implementation));
    }

    @Override
    public <T> T config(ConfigKey<T> key) {
      if (!module.configKeys().contains(key)) {
        throw new IllegalStateException("module '" + module.name() + "' read config key '" + key.name()
            + "' without declaring it in configKeys()");
      }
      return configuration.get(key);
    }

    @Override
    public Clock clock() {
      return clock;
    }
  }
}
