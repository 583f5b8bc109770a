package org.netservof.controller.module;

import com.google.common.graph.GraphBuilder;
import com.google.common.graph.MutableGraph;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.netservof.controller.api.ControllerModule;
import org.netservof.controller.util.TopologicalSort;

/**
 * Chooses the modules to run and their order: the enabled ones, plus the provider of every service an
 * enabled module needs when exactly one module provides it; ordered so providers come before the modules
 * that need them (ties broken by name, so the order is always the same).
 */
public final class ModuleResolver {
  private ModuleResolver() {}

  /**
   * @param available every module found
   * @param enabled names of the modules to run
   * @throws ModuleException for an unknown name, a missing or ambiguous provider, or a dependency cycle
   */
  public static List<ControllerModule> resolve(Collection<ControllerModule> available, Collection<String> enabled)
      throws ModuleException {
    Map<String, ControllerModule> byName = new TreeMap<>();
    for (ControllerModule module : available) {
      ControllerModule clash = byName.put(module.name(), module);
      if (clash != null) {
        throw new ModuleException("two modules are named '" + module.name() + "': " + clash.getClass().getName()
            + " and " + module.getClass().getName());
      }
    }
    Set<ControllerModule> selected = new LinkedHashSet<>();
    for (String name : enabled) {
      ControllerModule module = byName.get(name);
      if (module == null) {
        throw new ModuleException("unknown module '" + name + "'; available modules: "
            + String.join(", ", byName.keySet()));
      }
      selected.add(module);
    }
    Deque<ControllerModule> toCheck = new ArrayDeque<>(selected);
    while (!toCheck.isEmpty()) {
      ControllerModule module = toCheck.pop();
      for (Class<?> service : module.dependsOn()) {
        if (providers(selected, service).isEmpty()) {
          ControllerModule provider = soleProvider(byName.values(), module, service);
          selected.add(provider);
          toCheck.push(provider);
        }
      }
    }
    return order(selected);
  }

  private static ControllerModule soleProvider(Collection<ControllerModule> all, ControllerModule needer,
      Class<?> service) throws ModuleException {
    List<ControllerModule> candidates = providers(all, service);
    if (candidates.isEmpty()) {
      throw new ModuleException("module '" + needer.name() + "' needs " + service.getSimpleName()
          + ", which no module provides");
    }
    if (candidates.size() > 1) {
      throw new ModuleException("module '" + needer.name() + "' needs " + service.getSimpleName()
          + ", which modules " + names(candidates) + " all provide; enable one of them in 'modules'");
    }
    return candidates.get(0);
  }

  private static List<ControllerModule> order(Set<ControllerModule> selected) throws ModuleException {
    Map<String, ControllerModule> byName = new TreeMap<>();
    MutableGraph<String> graph = GraphBuilder.directed().allowsSelfLoops(true).build();
    for (ControllerModule module : selected) {
      byName.put(module.name(), module);
      graph.addNode(module.name());
    }
    for (ControllerModule module : selected) {
      for (Class<?> service : module.provides()) {
        List<ControllerModule> providers = providers(selected, service);
        if (providers.size() > 1) {
          // Which one the others got would depend on the start order.
          throw new ModuleException(service.getSimpleName() + " is provided by several enabled modules: "
              + names(providers) + "; enable only one");
        }
      }
    }
    for (ControllerModule module : selected) {
      for (Class<?> service : module.dependsOn()) {
        graph.putEdge(providers(selected, service).get(0).name(), module.name());
      }
      // An optional service orders its provider first when that is enabled, and enables nothing.
      for (Class<?> service : module.optionallyDependsOn()) {
        for (ControllerModule provider : providers(selected, service)) {
          graph.putEdge(provider.name(), module.name());
        }
      }
    }
    try {
      return TopologicalSort.sort(graph).stream().map(byName::get).toList();
    } catch (TopologicalSort.CycleException e) {
      throw new ModuleException("modules depend on each other in a " + e.getMessage());
    }
  }

  private static List<ControllerModule> providers(Collection<ControllerModule> modules, Class<?> service) {
    return modules.stream().filter(m -> m.provides().contains(service)).toList();
  }

  private static String names(Collection<ControllerModule> modules) {
    return modules.stream().map(ControllerModule::name).sorted().collect(Collectors.joining(", "));
  }
}
