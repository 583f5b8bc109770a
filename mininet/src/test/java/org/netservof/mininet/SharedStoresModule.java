package org.netservof.mininet;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.netservof.controller.api.ModuleContext;
import org.netservof.controller.api.store.StoreAdminService;
import org.netservof.controller.api.store.StoreService;
import org.netservof.controller.module.BaseModule;

/**
 * The store module over memory stores a test shares between controllers in one JVM (in place of the store
 * module), with the operators' store service the REST API needs: a memory store has no file to back up.
 */
final class SharedStoresModule extends BaseModule {
  private final StoreService stores;

  SharedStoresModule(StoreService stores) {
    super("store", Set.of(StoreService.class, StoreAdminService.class), Set.of(), List.of());
    this.stores = stores;
  }

  @Override
  public void init(ModuleContext context) {
    context.provide(StoreService.class, stores);
    context.provide(StoreAdminService.class, (StoreAdminService) (Path target) -> {
      throw new IOException("the shared memory store keeps nothing on disk");
    });
  }
}
