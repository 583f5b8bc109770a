package org.netservof.controller.staticentry;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.netservof.controller.api.ModuleContext;
import org.netservof.controller.api.SwitchService;
import org.netservof.controller.api.SwitchSetupService;
import org.netservof.controller.api.SwitchSetupStage;
import org.netservof.controller.api.staticentry.StaticEntryAdminService;
import org.netservof.controller.api.staticentry.StaticEntryService;
import org.netservof.controller.api.staticentry.StaticEntryStore;
import org.netservof.controller.api.store.StoreService;
import org.netservof.controller.module.BaseModule;
import org.netservof.controller.util.NamedThreads;

/**
 * Floodlight's static entry pusher: flows and groups kept by name in a {@link StaticEntryStore} and held on
 * their switches; provides {@link StaticEntryService} and {@link StaticEntryAdminService}.
 */
public final class StaticEntryModule extends BaseModule {
  private StaticEntryStore store;
  private StaticEntryManager manager;

  public StaticEntryModule() {
    super("staticentry", Set.of(StaticEntryService.class, StaticEntryAdminService.class),
        Set.of(StoreService.class, SwitchService.class, SwitchSetupService.class), List.of());
  }

  @Override
  public void init(ModuleContext context) {
    store = new StoredStaticEntries(context.service(StoreService.class));
    ExecutorService background = Executors.newSingleThreadExecutor(NamedThreads.daemon("static-entries"));
    onShutDown(background::shutdownNow);
    manager = new StaticEntryManager(store, context.service(SwitchService.class), background);
    context.provide(StaticEntryService.class, manager);
    context.provide(StaticEntryAdminService.class, manager);
  }

  @Override
  public void startUp(ModuleContext context) {
    store.addListener(manager, store.revision());
    onShutDown(() -> store.removeListener(manager));
    SwitchSetupService setups = context.service(SwitchSetupService.class);
    setups.addSetup(SwitchSetupStage.STATIC, "static-entries", manager);
    onShutDown(() -> setups.removeSetup(manager));
  }
}
