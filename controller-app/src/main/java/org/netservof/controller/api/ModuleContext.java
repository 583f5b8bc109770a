package org.netservof.controller.api;

import java.time.Clock;

/** What the loader gives a module during {@link ControllerModule#init} and {@link ControllerModule#startUp}. */
public interface ModuleContext {

  /**
   * The implementation of a service this module declared in {@link ControllerModule#dependsOn}.
   *
   * @throws IllegalStateException if the module did not declare the dependency
   */
  <T> T service(Class<T> type);

  /**
   * The implementation of a service this module declared in {@link ControllerModule#optionallyDependsOn},
   * or empty when no enabled module provides it.
   *
   * @throws IllegalStateException if the module did not declare the optional dependency
   */
  <T> java.util.Optional<T> optionalService(Class<T> type);

  /**
   * Registers this module's implementation of a service it declared in {@link ControllerModule#provides}.
   *
   * @throws IllegalStateException if the module did not declare the service, or registered it already
   */
  <T> void provide(Class<T> type, T implementation);

  /**
   * The value of a configuration key this module declared in {@link ControllerModule#configKeys}: the
   * file's value, overridden by command-line flags, or the key's default.
   */
  <T> T config(ConfigKey<T> key);

  /** The clock every module reads time from, so tests can advance time instead of sleeping. */
  Clock clock();
}
