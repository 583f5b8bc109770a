package org.netservof.controller.util;

import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import org.netservof.controller.api.ModuleContext;
import org.netservof.controller.api.cluster.ClusterService;
import org.netservof.controller.api.store.StoreService;
import org.slf4j.LoggerFactory;

/**
 * The store this member shares with the other members of its cluster, for the modules that share observed
 * state (links, hosts) there. Alone (no cluster module, or not clustered), there is none: such state stays
 * in the process, since it must not outlive it in the embedded store.
 *
 * @param instanceId this member's instance id, which marks what it publishes
 */
public record SharedStore(StoreService stores, String instanceId) {
  /** The optional dependencies a module that calls {@link #of} declares. */
  public static final Set<Class<?>> WANTS = Set.of(ClusterService.class, StoreService.class);

  /**
   * What a module shares its observed state through: made by {@code shared} over the shared store in a
   * cluster, else by {@code alone}.
   *
   * @param what what is shared, for the log ("links", "hosts")
   */
  public static <T> T choose(ModuleContext context, String what, BiFunction<StoreService, String, T> shared,
      Supplier<T> alone) {
    return of(context).map(s -> {
      LoggerFactory.getLogger(SharedStore.class).info("{} shared with the cluster as member {}", what,
          s.instanceId());
      return shared.apply(s.stores(), s.instanceId());
    }).orElseGet(alone);
  }

  /** The shared store, when this controller runs in a cluster. */
  public static Optional<SharedStore> of(ModuleContext context) {
    Optional<StoreService> stores = context.optionalService(StoreService.class);
    return context.optionalService(ClusterService.class).filter(ClusterService::clustered)
        .flatMap(c -> stores.map(s -> new SharedStore(s, c.instanceId())));
  }
}
