package org.netservof.controller.module;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.netservof.controller.api.ControllerModule;
import org.netservof.controller.testing.FakeModule;

class ModuleResolverTest {
  interface Links {}

  interface Topology {}

  interface Routing {}

  @Test
  void providersComeBeforeTheModulesThatNeedThemAndAreEnabledWithThem() throws Exception {
    List<ControllerModule> available = List.of(
        module("routing", Set.of(Routing.class), Set.of(Topology.class)),
        module("links", Set.of(Links.class), Set.of()),
        module("topology", Set.of(Topology.class), Set.of(Links.class)),
        module("unused", Set.of(), Set.of()));
    assertThat(names(ModuleResolver.resolve(available, List.of("routing"))))
        .containsExactly("links", "topology", "routing");
  }

  @Test
  void independentModulesAreOrderedByName() throws Exception {
    List<ControllerModule> available = List.of(module("b", Set.of(), Set.of()), module("a", Set.of(), Set.of()),
        module("c", Set.of(), Set.of()));
    assertThat(names(ModuleResolver.resolve(available, List.of("c", "a", "b")))).containsExactly("a", "b", "c");
  }

  @Test
  void aMissingDependencyNamesTheModuleAndTheService() {
    List<ControllerModule> available = List.of(module("routing", Set.of(), Set.of(Topology.class)));
    assertThatThrownBy(() -> ModuleResolver.resolve(available, List.of("routing")))
        .isInstanceOf(ModuleException.class)
        .hasMessage("module 'routing' needs Topology, which no module provides");
  }

  @Test
  void aCycleIsNamed() {
    List<ControllerModule> available = List.of(
        module("links", Set.of(Links.class), Set.of(Topology.class)),
        module("topology", Set.of(Topology.class), Set.of(Links.class)));
    assertThatThrownBy(() -> ModuleResolver.resolve(available, List.of("links")))
        .isInstanceOf(ModuleException.class)
        .hasMessageContaining("cycle: links -> topology -> links");
  }

  @Test
  void twoPossibleProvidersMustBeChosenBetween() {
    List<ControllerModule> available = List.of(
        module("routing", Set.of(), Set.of(Topology.class)),
        module("topo-a", Set.of(Topology.class), Set.of()),
        module("topo-b", Set.of(Topology.class), Set.of()));
    assertThatThrownBy(() -> ModuleResolver.resolve(available, List.of("routing")))
        .hasMessageContaining("topo-a, topo-b all provide; enable one of them");
  }

  /**
   * Two running providers of one service would leave it to the start order which one the others get (a test's
   * fake cluster lost to the real one once the order changed): refused, whether or not a module needs it.
   */
  @Test
  void twoEnabledProvidersOfOneServiceAreRefusedEvenWhenNothingNeedsIt() {
    List<ControllerModule> available = List.of(module("topo-a", Set.of(Topology.class), Set.of()),
        module("topo-b", Set.of(Topology.class), Set.of()));
    assertThatThrownBy(() -> ModuleResolver.resolve(available, List.of("topo-b", "topo-a")))
        .isInstanceOf(ModuleException.class)
        .hasMessage("Topology is provided by several enabled modules: topo-a, topo-b; enable only one");
  }

  @Test
  void anOptionalDependencyOrdersItsProviderFirstWhenEnabledAndEnablesNothing() throws Exception {
    ControllerModule rest = optional("rest", Set.of(Topology.class), Set.of(Routing.class));
    List<ControllerModule> available = List.of(rest, module("routing", Set.of(Routing.class), Set.of()),
        module("topology", Set.of(Topology.class), Set.of()));
    assertThat(names(ModuleResolver.resolve(available, List.of("rest")))).containsExactly("topology", "rest");
    assertThat(names(ModuleResolver.resolve(available, List.of("rest", "routing"))))
        .containsSubsequence("routing", "rest").contains("topology");
  }

  @Test
  void anUnknownModuleNameListsTheAvailableOnes() {
    assertThatThrownBy(() -> ModuleResolver.resolve(List.of(module("core", Set.of(), Set.of())), List.of("fwd")))
        .hasMessage("unknown module 'fwd'; available modules: core");
  }

  @Test
  void duplicateModuleNamesAreRefused() {
    assertThatThrownBy(() -> ModuleResolver.resolve(
        List.of(module("core", Set.of(), Set.of()), module("core", Set.of(), Set.of())), List.of("core")))
        .hasMessageContaining("two modules are named 'core'");
  }

  static ControllerModule optional(String name, Set<Class<?>> needs, Set<Class<?>> wants) {
    return new FakeModule(name, Set.of(), needs, wants);
  }

  static List<String> names(List<ControllerModule> modules) {
    return modules.stream().map(ControllerModule::name).toList();
  }

  static ControllerModule module(String name, Set<Class<?>> provides, Set<Class<?>> needs) {
    return new FakeModule(name, provides, needs, Set.of());
  }
}
