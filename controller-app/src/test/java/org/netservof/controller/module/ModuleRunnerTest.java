package org.netservof.controller.module;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.netservof.controller.api.ControllerModule;
import org.netservof.controller.api.ModuleCatalog;
import org.netservof.controller.api.ModuleContext;
import org.netservof.controller.api.ModuleDescription;
import org.netservof.controller.config.ConfigLoader;
import org.netservof.controller.config.Configuration;
import org.netservof.controller.testing.FakeModule;

class ModuleRunnerTest {
  interface Greeter {
    String greet();
  }

  private final List<String> calls = new ArrayList<>();

  @Test
  void initAllThenStartAllThenAllStartedThenShutDownInReverse() throws Exception {
    ControllerModule provider = module("a", Set.of(Greeter.class), Set.of(), ctx -> {
      ctx.provide(Greeter.class, () -> "hello");
    }, null);
    ControllerModule user = module("b", Set.of(), Set.of(Greeter.class), ctx -> {
      calls.add("b sees " + ctx.service(Greeter.class).greet());
    }, null);
    ModuleRunner runner = new ModuleRunner(List.of(provider, user), emptyConfig(), Clock.systemUTC());
    runner.start();
    runner.close();
    assertThat(calls).containsExactly("init a", "init b", "b sees hello", "start a", "start b", "started a",
        "started b", "stop b", "stop a");
    assertThat(runner.service(Greeter.class).orElseThrow().greet()).isEqualTo("hello");
  }

  @Test
  void aFailedStartStopsWhatWasInitialisedAndNamesTheModule() throws Exception {
    ControllerModule a = module("a", Set.of(), Set.of(), ctx -> {}, null);
    ControllerModule b = module("b", Set.of(), Set.of(), ctx -> {}, "port 6653 is taken");
    ModuleRunner runner = new ModuleRunner(List.of(a, b), emptyConfig(), Clock.systemUTC());
    assertThatThrownBy(runner::start).isInstanceOf(ModuleException.class)
        .hasMessage("module 'b' failed to start: port 6653 is taken");
    assertThat(calls).containsSubsequence("stop b", "stop a");
  }

  @Test
  void aModuleThatDoesNotProvideWhatItDeclaresIsRefused() {
    ControllerModule lazy = module("lazy", Set.of(Greeter.class), Set.of(), ctx -> {}, null);
    assertThatThrownBy(() -> new ModuleRunner(List.of(lazy), emptyConfig(), Clock.systemUTC()).start())
        .hasMessage("module 'lazy' declares Greeter but did not provide it in init");
  }

  @Test
  void undeclaredServicesCannotBeTaken() {
    ControllerModule provider = module("a", Set.of(Greeter.class), Set.of(), ctx -> {
      ctx.provide(Greeter.class, () -> "hello");
    }, null);
    ControllerModule sneaky = module("b", Set.of(), Set.of(), ctx -> ctx.service(Greeter.class), null);
    assertThatThrownBy(() -> new ModuleRunner(List.of(provider, sneaky), emptyConfig(), Clock.systemUTC()).start())
        .hasMessageContaining("asked for Greeter without declaring it");
  }

  @Test
  void aNewConfigurationReachesEveryModuleEvenWhenOneRefusesIt() throws Exception {
    ControllerModule stubborn = module("stubborn", Set.of(), Set.of(), ctx -> {}, null);
    ControllerModule b = module("b", Set.of(), Set.of(), ctx -> {}, null);
    ModuleRunner runner = new ModuleRunner(List.of(stubborn, b), emptyConfig(), Clock.systemUTC());
    runner.start();
    runner.reconfigure(emptyConfig());
    runner.close();
    assertThat(calls).containsSubsequence("started b", "reconfigure stubborn", "reconfigure b", "stop b");
  }

  @Test
  void theCatalogNamesEveryModuleWhatRunsAndWhichClassImplementsEachService() throws Exception {
    interface Absent {}
    ControllerModule provider = module("a", Set.of(Greeter.class), Set.of(), ctx -> {
      ctx.provide(Greeter.class, () -> "hello");
    }, null);
    ControllerModule user = module("b", Set.of(), Set.of(Greeter.class), ctx -> {}, null);
    ControllerModule idle = new FakeModule("c", Set.of(Greeter.class), Set.of(Absent.class), Set.of());
    ModuleRunner runner = new ModuleRunner(List.of(provider, user), List.of(provider, user, idle), emptyConfig(),
        Clock.systemUTC());
    runner.start();

    ModuleCatalog catalog = runner.service(ModuleCatalog.class).orElseThrow();
    assertThat(catalog.available()).extracting(ModuleDescription::name).containsExactly("a", "b", "c");
    assertThat(catalog.loaded()).extracting(ModuleDescription::name).containsExactly("a", "b");
    String greeter = runner.service(Greeter.class).orElseThrow().getClass().getName();
    assertThat(catalog.available().get(0).provides()).containsExactly(Map.entry(Greeter.class.getName(), greeter));
    assertThat(catalog.available().get(1).dependsOn()).containsExactly(Map.entry(Greeter.class.getName(), greeter));
    ModuleDescription c = catalog.available().get(2);
    assertThat(c.loaded()).isFalse();
    assertThat(c.provides()).as("a module that does not run implements nothing, though another provides it")
        .containsExactly(Map.entry(Greeter.class.getName(), "<not loaded>"));
    assertThat(c.dependsOn()).containsExactly(Map.entry(Absent.class.getName(), "<unresolved>"));
    runner.close();
  }

  private static Configuration emptyConfig() throws Exception {
    return new ConfigLoader().load(Optional.empty(), Map.of(), List.of());
  }

  private interface Init {
    void run(ModuleContext ctx) throws Exception;
  }

  private ControllerModule module(String name, Set<Class<?>> provides, Set<Class<?>> needs, Init init,
      String startFailure) {
    return new FakeModule(name, provides, needs, Set.of()) {
      @Override
      public void init(ModuleContext context) throws Exception {
        calls.add("init " + name);
        init.run(context);
      }

      @Override
      public void startUp(ModuleContext context) {
        calls.add("start " + name);
        if (startFailure != null) {
          throw new IllegalStateException(startFailure);
        }
      }

      @Override
      public void allStarted() {
        calls.add("started " + name);
      }

      @Override
      public void reconfigure(ModuleContext context) {
        calls.add("reconfigure " + name);
        if (name.equals("stubborn")) {
          throw new IllegalArgumentException("cannot change while running");
        }
      }

      @Override
      public void shutDown() {
        calls.add("stop " + name);
      }
    };
  }
}
