package org.netservof.controller.store;

import com.fasterxml.jackson.core.type.TypeReference;
import java.util.List;
import java.util.Set;
import org.netservof.controller.api.ConfigKey;
import org.netservof.controller.api.ControllerModule;
import org.netservof.controller.api.ModuleContext;
import org.netservof.controller.api.store.StoreService;
import org.netservof.controller.module.ModuleException;

/**
 * Where intent is kept; provides {@link StoreService}. Today in memory only: the durable and the etcd
 * stores come behind the same interface.
 */
public final class StoreModule implements ControllerModule {
  public static final ConfigKey<String> STORE = new ConfigKey<>("store", new TypeReference<>() {}, "memory",
      "Where the controller keeps what it was asked to do (services, deployments, nodes, static entries): "
          + "memory (lost when the controller stops).");

  @Override
  public String name() {
    return "store";
  }

  @Override
  public Set<Class<?>> provides() {
    return Set.of(StoreService.class);
  }

  @Override
  public Set<Class<?>> dependsOn() {
    return Set.of();
  }

  @Override
  public List<ConfigKey<?>> configKeys() {
    return List.of(STORE);
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
