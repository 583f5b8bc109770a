package org.netservof.controller.api;

import java.util.List;

/**
 * The controller's modules as the loader knows them, for operators (Floodlight's
 * {@code /wm/core/module/{all|loaded}/json}). The loader itself provides it: a module asks for it with
 * {@link ControllerModule#optionallyDependsOn}. Immutable once the controller runs; safe from any thread.
 */
public interface ModuleCatalog {

  /** Every module found on the class path, running or not, ordered by name. */
  List<ModuleDescription> available();

  /** The running modules, in start order. */
  default List<ModuleDescription> loaded() {
    return available().stream().filter(ModuleDescription::loaded).toList();
  }
}
