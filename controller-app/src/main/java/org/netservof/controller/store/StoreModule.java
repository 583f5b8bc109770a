package org.netservof.controller.store;

import com.fasterxml.jackson.core.type.TypeReference;
import java.util.List;
import java.util.Set;
import org.netservof.controller.api.ConfigKey;
import org.netservof.controller.api.ModuleContext;
import org.netservof.controller.api.store.StoreService;
import org.netservof.controller.module.BaseModule;
import org.netservof.controller.module.ModuleException;

/**
 * Where intent is kept; provides {@link StoreService}. Today in memory only: the durable and the etcd
 * stores come behind the same interface.
 */
public final class StoreModule extends BaseModule {
  public static final ConfigKey<String> STORE = new ConfigKey<>("store", new TypeReference<>() {}, "memory",
      "Where the controller keeps what it was asked to do (services, deployments, nodes, static entries): "
          + "memory (lost when the controller stops).");

  public StoreModule() {
    super("store", Set.of(StoreService.class), Set.of(), List.of(STORE));
  }

  @Override
  public void init(ModuleContext context) throws ModuleException {
    String kind = context.config(STORE);
    if (!"memory".equals(kind)) {
      throw new ModuleException("store: '" + kind + "' is not a kind of store this controller has; use memory");
    }
    context.provide(StoreService.class, new MemoryStoreService());
  }
}
