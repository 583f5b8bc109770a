package org.netservof.controller.store;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.netservof.controller.api.ConfigKey;
import org.netservof.controller.api.ModuleContext;
import org.netservof.controller.api.store.StoreAdminService;
import org.netservof.controller.api.store.StoreService;
import org.netservof.controller.module.BaseModule;
import org.netservof.controller.module.ModuleException;
import org.netservof.controller.store.etcd.EtcdAccess;
import org.netservof.controller.store.etcd.EtcdStoreConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where intent is kept; provides {@link StoreService} and {@link StoreAdminService} (online backup): by
 * default an embedded durable store (one MVStore file, {@value #FILE_NAME} in {@code store-path}), etcd for
 * a cluster of controllers ({@link EtcdStoreConfig}), or memory for tests. With etcd it also provides
 * {@link EtcdAccess} with its connection, for the modules beside the stores that talk to etcd.
 */
public final class StoreModule extends BaseModule {
  private static final Logger log = LoggerFactory.getLogger(StoreModule.class);
  /** The file in {@code store-path}; MVStore's own suffix, so H2's tools recognise it. */
  public static final String FILE_NAME = "intent.mv.db";

  public static final ConfigKey<String> STORE = new ConfigKey<>("store", new TypeReference<>() {}, "embedded",
      "Where the controller keeps what it was asked to do (services, deployments, nodes, static entries): "
          + "embedded (a file in store-path that survives restarts; no server), etcd (an etcd cluster at "
          + "store-endpoints, shared by a cluster of controllers) or memory (lost when the controller stops; "
          + "for tests).");
  public static final ConfigKey<String> STORE_PATH = new ConfigKey<>("store-path", new TypeReference<>() {},
      "netserv-store", "The embedded store's directory (relative: to the working directory), created on "
          + "first start; the store is the file " + FILE_NAME + " in it, locked while a controller runs.");
  public static final ConfigKey<Boolean> STORE_SYNC = new ConfigKey<>("store-sync", new TypeReference<>() {},
      true, "true: every change is forced to the disk before it is acknowledged, so it survives a power loss. "
          + "false: it is written to the file (it survives a kill of the controller, not of the machine) and "
          + "writes are 3 to 6 times faster (measured: ./netserv bench store).");

  public StoreModule() {
    super("store", Set.of(StoreService.class, StoreAdminService.class, EtcdAccess.class), Set.of(),
        Stream.concat(Stream.of(STORE, STORE_PATH, STORE_SYNC), EtcdStoreConfig.KEYS.stream())
            .toList());
  }

  @Override
  public void init(ModuleContext context) throws ModuleException {
    String kind = context.config(STORE);
    if (!kind.equals("etcd")) {
      context.provide(EtcdAccess.class, Optional::empty);
    }
    switch (kind) {
      case "memory" -> {
        context.provide(StoreService.class, new MemoryStoreService());
        context.provide(StoreAdminService.class, target -> {
          throw new IOException("store: memory keeps nothing on disk, so there is nothing to back up");
        });
      }
      case "embedded" -> {
        EmbeddedStoreService stores = openEmbedded(context);
        context.provide(StoreService.class, stores);
        context.provide(StoreAdminService.class, stores);
      }
      case "etcd" -> {
        EtcdStoreConfig.EtcdStores etcd = EtcdStoreConfig.open(context);
        onShutDown(etcd::close);
        context.provide(StoreService.class, etcd.service());
        context.provide(StoreAdminService.class, etcd.service());
        context.provide(EtcdAccess.class, () -> Optional.of(etcd.connection()));
      }
      default -> throw new ModuleException("store: '" + kind + "' is not a kind of store this controller has; "
          + "use embedded, etcd or memory");
    }
  }

  private EmbeddedStoreService openEmbedded(ModuleContext context) throws ModuleException {
    Path file = Path.of(context.config(STORE_PATH)).toAbsolutePath().resolve(FILE_NAME);
    try {
      EmbeddedStoreService stores = EmbeddedStoreService.open(file, context.config(STORE_SYNC));
      onShutDown(stores::close);
      log.info("intent store: {} (sync: {})", file, context.config(STORE_SYNC));
      return stores;
    } catch (IOException e) {
      throw new ModuleException("store: " + e.getMessage(), e);
    }
  }
}
