package org.netservof.controller.api;

import java.util.List;
import java.util.Set;

/**
 * A unit of controller function, in Floodlight's shape: it declares the services it provides and the
 * services it needs; the loader initialises every module, in dependency order, then starts them all in the
 * same order, and shuts them down in reverse order.
 *
 * <p>Modules are found with {@link java.util.ServiceLoader} (so they need a public no-argument
 * constructor) and enabled by {@link #name()} in the configuration's {@code modules} list; a module that
 * provides a service an enabled module needs is enabled with it.
 */
public interface ControllerModule {

  /** The name the configuration enables this module by; unique among modules. */
  String name();

  /** Service interfaces this module provides; it must register an implementation of each in {@link #init}. */
  default Set<Class<?>> provides() {
    return Set.of();
  }

  /** Service interfaces this module needs; their providers are initialised and started before it. */
  default Set<Class<?>> dependsOn() {
    return Set.of();
  }

  /**
   * Services this module uses when some enabled module provides them, through
   * {@link ModuleContext#optionalService}; they do not enable their providers (a REST API shows steering
   * when steering runs, and does not start it).
   */
  default Set<Class<?>> optionallyDependsOn() {
    return Set.of();
  }

  /** Configuration keys this module owns; each is a top-level key of the YAML file. */
  default List<ConfigKey<?>> configKeys() {
    return List.of();
  }

  /**
   * Builds the module's state and registers its services with {@link ModuleContext#provide}. Dependencies
   * are initialised but not yet started: look them up, do not call them yet.
   */
  void init(ModuleContext context) throws Exception;

  /** Starts work: registers listeners, opens sockets, schedules timers. Every dependency has started. */
  default void startUp(ModuleContext context) throws Exception {}

  /**
   * Called once every module has started. Modules that accept work from outside (switches, nodes, HTTP
   * clients) open their sockets here, so nothing arrives before every listener is registered.
   */
  default void allStarted() throws Exception {}

  /**
   * Takes the configuration read again (on SIGHUP): {@code context.config} gives the new values. A module applies
   * what it can change while running and keeps the rest; the default changes nothing. A failure is logged and
   * the module keeps running as it was.
   */
  default void reconfigure(ModuleContext context) throws Exception {}

  /** Stops work and releases resources; called once, in reverse start order, also after a failed start. */
  default void shutDown() {}
}
