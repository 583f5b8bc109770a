package org.netservof.controller.testing;

import java.util.List;
import java.util.Set;
import org.netservof.controller.api.ModuleContext;
import org.netservof.controller.api.store.StoreService;
import org.netservof.controller.module.BaseModule;

/**
 * The store module over stores a test keeps (in place of the store module): a controller started again over
 * them is a controller restarted over its durable store.
 */
public final class SharedStoreModule extends BaseModule {
  private final StoreService stores;

  public SharedStoreModule(StoreService stores) {
    super("store", Set.of(StoreService.class), Set.of(), List.of());
    this.stores = stores;
  }

  @Override
  public void init(ModuleContext context) {
    context.provide(StoreService.class, stores);
  }
}
