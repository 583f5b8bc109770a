package org.netservof.controller.store.etcd;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netservof.controller.api.store.IntentStore;
import org.netservof.controller.api.store.StoreAdminService;
import org.netservof.controller.api.store.StoreService;
import org.netservof.controller.launcher.Controller;
import org.netservof.controller.testing.EtcdCluster;
import org.netservof.controller.testing.Eventually;

/** Controllers configured with {@code store: etcd}: they share intent, keep it across restarts, back it up. */
class EtcdStoreModuleIT {
  @TempDir Path dir;
  private EtcdCluster etcd;

  @BeforeEach
  void start() {
    etcd = EtcdCluster.start(dir.resolve("etcd"), 1);
  }

  @AfterEach
  void stop() {
    etcd.close();
  }

  private Controller controller(String name) throws Exception {
    Path config = Files.writeString(dir.resolve(name + ".yaml"), "modules: [staticentry]\nof-listen: 127.0.0.1:0\n"
        + "store: etcd\nstore-endpoints: [" + etcd.endpoints().get(0) + "]\nstore-namespace: /lab/\n"
        + "store-timeout: 3s\n");
    return Controller.start(Optional.of(config), Map.of());
  }

  private static IntentStore<String, String> probe(Controller c) {
    return c.service(StoreService.class).open("probe", String.class, String.class);
  }

  @Test
  void twoControllersShareIntentAndItOutlivesBoth() throws Exception {
    try (Controller a = controller("a"); Controller b = controller("b")) {
      assertThat(a.service(EtcdAccess.class).connection()).map(c -> c.settings().namespace()).contains("/lab/");
      probe(a).put("service-1", "steer udp 5060", Optional.empty());
      Eventually.waitFor("b to see a's write", java.time.Duration.ofSeconds(10),
          () -> probe(b).get("service-1").isPresent());
      a.service(StoreAdminService.class).backup(dir.resolve("etcd.snapshot"));
    }
    assertThat(dir.resolve("etcd.snapshot")).isNotEmptyFile();
    try (Controller again = controller("a")) {
      assertThat(probe(again).get("service-1")).map(v -> v.value()).contains("steer udp 5060");
    }
  }
}
