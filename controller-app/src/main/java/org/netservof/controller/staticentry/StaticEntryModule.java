package org.netservof.controller.staticentry;

import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.netservof.controller.api.ControllerModule;
import org.netservof.controller.api.ModuleContext;
import org.netservof.controller.api.SwitchService;
import org.netservof.controller.api.staticentry.StaticEntryAdminService;
import org.netservof.controller.api.staticentry.StaticEntryService;
import org.netservof.controller.api.staticentry.StaticEntryStore;
import org.netservof.controller.api.store.StoreService;

/**
 * Floodlight's static entry pusher: flows and groups kept by name in a {@link StaticEntryStore} and held on
 * their switches; provides {@link StaticEntryService} and {@link StaticEntryAdminService}.
 */
public final class StaticEntryModule implements ControllerModule {
  private StaticEntryStore store;
  private SwitchService switches;
  private StaticEntryManager manager;
  private ExecutorService background;

  @Override
  public String name() {
    return "staticentry";
  }

  @Override
  public Set<Class<?>> provides() {
    return Set.of(StaticEntryService.class, StaticEntryAdminService.class);
  }

  @Override
  public Set<Class<?>> dependsOn() {
    return Set.of(StoreService.class, SwitchService.class);
  }

  @Override
  public void init(ModuleContext context) {
    store = new StoredStaticEntries(context.service(StoreService.class));
    switches = context.service(SwitchService.class);
    background = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "static-entries");
      t.setDaemon(true);
      return t;
    });
    manager = new StaticEntryManager(store, switches, background);
    context.provide(StaticEntryService.class, manager);
    context.provide(StaticEntryAdminService.class, manager);
  }

  @Override
  public void startUp(ModuleContext context) {
    store.addListener(manager, store.revision());
    switches.addListener(manager);
  }

  @Override
  public void shutDown() {
    if (manager != null) {
      switches.removeListener(manager);
      store.removeListener(manager);
      background.shutdownNow();
    }
  }
}
