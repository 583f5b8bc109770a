package org.netservof.controller.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netservof.controller.api.store.IntentStore;
import org.netservof.controller.api.store.StoreAdminService;
import org.netservof.controller.api.store.StoreService;
import org.netservof.controller.launcher.Controller;
import org.netservof.controller.module.ModuleException;

class StoreModuleTest {
  @TempDir
  Path dir;

  private Controller start(String storeLines) throws Exception {
    Path config = Files.writeString(dir.resolve("controller.yaml"),
        "modules: [staticentry]\nof-listen: 127.0.0.1:0\n" + storeLines);
    return Controller.start(Optional.of(config), Map.of());
  }

  private static IntentStore<String, String> probe(Controller c) {
    return c.service(StoreService.class).open("probe", String.class, String.class);
  }

  @Test
  void theDefaultStoreKeepsIntentAcrossARestartInItsDirectory() throws Exception {
    Path storeDir = dir.resolve("state");
    try (Controller c = start("store-path: " + storeDir + "\n")) {
      probe(c).put("service-1", "steer udp 5060", Optional.empty());
    }
    assertThat(storeDir.resolve("intent.mv.db")).isRegularFile();
    try (Controller c = start("store-path: " + storeDir + "\n")) {
      assertThat(probe(c).get("service-1")).map(v -> v.value()).contains("steer udp 5060");
      assertThat(probe(c).revision()).isEqualTo(1);
    }
  }

  @Test
  void memoryForgetsOnRestart() throws Exception {
    try (Controller c = start("store: memory\n")) {
      probe(c).put("a", "1", Optional.empty());
    }
    try (Controller c = start("store: memory\n")) {
      assertThat(probe(c).get("a")).isEmpty();
    }
  }

  @Test
  void aSecondControllerOnTheSameStoreIsRefusedNamingIt() throws Exception {
    Path storeDir = dir.resolve("shared");
    try (Controller first = start("store-path: " + storeDir + "\n")) {
      assertThatThrownBy(() -> start("store-path: " + storeDir + "\n"))
          .isInstanceOf(ModuleException.class)
          .hasMessageContaining(storeDir.resolve("intent.mv.db").toString())
          .hasMessageContaining("in use by another controller");
      probe(first).put("still", "writable", Optional.empty());
    }
  }

  @Test
  void anOnlineBackupHoldsWhatWasAcknowledgedBeforeItAndOpensAsAStore() throws Exception {
    Path backup = dir.resolve("backups").resolve("intent.mv.db");
    try (Controller c = start("store-path: " + dir.resolve("live") + "\n")) {
      probe(c).put("before", "1", Optional.empty());
      c.service(StoreAdminService.class).backup(backup);
      probe(c).put("after", "2", Optional.empty());
      assertThatThrownBy(() -> c.service(StoreAdminService.class).backup(backup))
          .as("an existing backup is not overwritten").isInstanceOf(java.nio.file.FileAlreadyExistsException.class);
    }
    try (Controller c = start("store-path: " + backup.getParent() + "\n")) {
      assertThat(probe(c).all()).containsOnlyKeys("before");
    }
  }

  @Test
  void theMemoryStoreHasNothingToBackUp() throws Exception {
    try (Controller c = start("store: memory\n")) {
      assertThatThrownBy(() -> c.service(StoreAdminService.class).backup(dir.resolve("b")))
          .hasMessageContaining("nothing to back up");
    }
  }

  @Test
  void anUnknownKindIsRefused() {
    assertThatThrownBy(() -> start("store: zookeeper\n")).isInstanceOf(ModuleException.class)
        .hasMessageContaining("embedded").hasMessageContaining("memory");
  }

  @Test
  void etcdThatDoesNotAnswerRefusesTheStartNamingTheEndpoints() throws Exception {
    int port;
    try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
      port = free.getLocalPort();
    }
    assertThatThrownBy(() -> start("store: etcd\nstore-endpoints: [http://127.0.0.1:" + port + "]\n"
        + "store-timeout: 1s\n")).isInstanceOf(ModuleException.class)
        .hasMessageContaining("no etcd member answered at [http://127.0.0.1:" + port + "]")
        .hasMessageContaining("check store-endpoints and that etcd runs");
  }

  @Test
  void etcdSettingsAreCheckedBeforeConnecting() {
    assertThatThrownBy(() -> start("store: etcd\nstore-namespace: netserv\n")).isInstanceOf(ModuleException.class)
        .hasMessageContaining("namespace 'netserv' must start and end with '/'");
    assertThatThrownBy(() -> start("store: etcd\nstore-endpoints: [127.0.0.1:2379]\n"))
        .isInstanceOf(ModuleException.class).hasMessageContaining("is not an http:// or https:// URL");
    assertThatThrownBy(() -> start("store: etcd\nstore-user: alice\n")).isInstanceOf(ModuleException.class)
        .hasMessageContaining("user and password go together");
    assertThatThrownBy(() -> start("store: etcd\nstore-tls-cert: c.pem\nstore-tls-key: k.pem\n"))
        .isInstanceOf(ModuleException.class).hasMessageContaining("need store-tls-ca");
    assertThatThrownBy(() -> start("store: etcd\nstore-tls-ca: ca.pem\nstore-tls-cert: c.pem\n"))
        .isInstanceOf(ModuleException.class).hasMessageContaining("a client certificate needs its key");
    assertThatThrownBy(() -> start("store: etcd\nstore-timeout: 0s\n")).isInstanceOf(ModuleException.class)
        .hasMessageContaining("timeout must be positive");
  }
}
