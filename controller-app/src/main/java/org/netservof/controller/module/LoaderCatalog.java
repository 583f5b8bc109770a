package org.netservof.controller.module;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.netservof.controller.api.ControllerModule;
import org.netservof.controller.api.ModuleCatalog;
import org.netservof.controller.api.ModuleDescription;

/**
 * The {@link ModuleCatalog} the {@link ModuleRunner} offers every module: what was found, what runs, and
 * which class implements each service. Read when asked, so services registered during init are named.
 */
final class LoaderCatalog implements ModuleCatalog {
  static final String NOT_LOADED = "<not loaded>";
  static final String UNRESOLVED = "<unresolved>";

  private final List<ControllerModule> available;
  private final Set<ControllerModule> running;
  private final Map<Class<?>, Object> services;

  /** @param services the runner's live map of service implementations; only read here */
  LoaderCatalog(List<ControllerModule> available, List<ControllerModule> running, Map<Class<?>, Object> services) {
    List<ControllerModule> all = new ArrayList<>(available);
    running.stream().filter(m -> !all.contains(m)).forEach(all::add);
    all.sort(Comparator.comparing(ControllerModule::name));
    this.available = List.copyOf(all);
    this.running = Set.copyOf(running);
    this.services = services;
  }

  @Override
  public List<ModuleDescription> available() {
    return available.stream().map(this::describe).toList();
  }

  private ModuleDescription describe(ControllerModule module) {
    boolean loaded = running.contains(module);
    Map<String, String> provides = new TreeMap<>();
    // A module that does not run implements nothing here, even where another module provides the service.
    module.provides().forEach(type -> provides.put(type.getName(), loaded ? implementation(type) : NOT_LOADED));
    Map<String, String> dependsOn = new TreeMap<>();
    module.dependsOn().forEach(type -> dependsOn.put(type.getName(), implementation(type)));
    return new ModuleDescription(module.name(), module.getClass().getName(), provides, dependsOn, loaded);
  }

  private String implementation(Class<?> type) {
    Object implementation = services.get(type);
    return implementation == null ? UNRESOLVED : implementation.getClass().getName();
  }
}
