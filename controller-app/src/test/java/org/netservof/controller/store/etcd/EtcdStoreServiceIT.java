package org.netservof.controller.store.etcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.netservof.controller.store.etcd.EtcdControllers.services;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netservof.controller.api.store.StoreAdminService;
import org.netservof.controller.api.store.StoreService;
import org.netservof.controller.launcher.Controller;
import org.netservof.controller.api.store.IntentStore;
import org.netservof.controller.api.store.StoreEvent;
import org.netservof.controller.api.store.StoreEvent.Type;
import org.netservof.controller.testing.EtcdCluster;
import org.netservof.controller.testing.Eventually;

/**
 * Two controllers' stores on one etcd (the cluster's base): each sees the other's writes as events, in
 * order; a value's lease expires in etcd while no controller is connected; the backup is etcd's snapshot;
 * controllers configured with {@code store: etcd} share intent and keep it across restarts.
 */
class EtcdStoreServiceIT {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private final EtcdControllers controllers = new EtcdControllers();
  @TempDir Path dir;
  private EtcdCluster etcd;

  @BeforeEach
  void start() {
    etcd = EtcdCluster.start(dir.resolve("etcd"), 1);
  }

  @AfterEach
  void stop() {
    controllers.close();
    etcd.close();
  }

  private EtcdStoreConfig.EtcdStores controller() throws Exception {
    return controllers.open(EtcdSettings.plain(etcd.endpoints()));
  }

  @Test
  void twoControllersSeeEachOthersWritesAsEventsInOrder() throws Exception {
    IntentStore<String, String> a = services(controller());
    IntentStore<String, String> b = services(controller());
    List<StoreEvent<String, String>> seenByB = new CopyOnWriteArrayList<>();
    b.addListener(seenByB::add, b.revision());
    long first = a.put("svc-1", "steer udp 5060", Optional.empty()).revision();
    long second = a.compareAndSet("svc-1", first, "steer udp 5061", Optional.empty()).orElseThrow().revision();
    assertThat(b.compareAndSet("svc-1", first, "stale", Optional.empty())).as("b's CAS on a's old revision")
        .isEmpty();
    a.put("svc-2", "drop", Optional.empty());
    a.remove("svc-2");
    Eventually.waitFor("b to see a's four changes", WAIT, () -> seenByB.size() >= 4);
    assertThat(seenByB).extracting(StoreEvent::type).containsExactly(Type.PUT, Type.PUT, Type.PUT, Type.REMOVE);
    assertThat(seenByB.get(1).before()).contains("steer udp 5060");
    assertThat(seenByB.get(1).revision()).isEqualTo(second);
    assertThat(b.get("svc-1")).map(v -> v.value() + "@" + v.revision()).contains("steer udp 5061@" + second);
    assertThat(b.revision()).isEqualTo(a.revision());

    List<StoreEvent<String, String>> seenByA = new CopyOnWriteArrayList<>();
    a.addListener(seenByA::add, a.revision());
    b.put("svc-3", "mirror", Optional.of(Instant.now().plusSeconds(2)));
    Eventually.waitFor("a to see b's leased value expire", WAIT,
        () -> seenByA.stream().anyMatch(e -> e.type() == Type.EXPIRE));
    assertThat(seenByA).extracting(e -> e.type() + " " + e.key()).containsExactly("PUT svc-3", "EXPIRE svc-3");
    assertThat(a.all()).containsOnlyKeys("svc-1");
  }

  @Test
  void aLeaseExpiresInEtcdWhileNoControllerIsConnected() throws Exception {
    EtcdStoreConfig.EtcdStores first = controller();
    services(first).put("leased", "until soon", Optional.of(Instant.now().plusSeconds(2)));
    services(first).put("kept", "forever", Optional.empty());
    controllers.close(first);
    Thread.sleep(3_500);
    IntentStore<String, String> again = services(controller());
    assertThat(again.all()).containsOnlyKeys("kept");
    List<StoreEvent<String, String>> seen = new CopyOnWriteArrayList<>();
    again.addListener(seen::add, again.revision());
    again.put("marker", "after", Optional.empty());
    assertThat(seen).extracting(StoreEvent::key).containsExactly("marker");
  }

  @Test
  void aLeaseRenewedByAWriteOutlivesItsFirstDeadline() throws Exception {
    IntentStore<String, String> a = services(controller());
    a.put("svc", "v1", Optional.of(Instant.now().plusSeconds(2)));
    a.put("svc", "v2", Optional.of(Instant.now().plusSeconds(60)));
    Thread.sleep(3_500);
    assertThat(a.get("svc")).map(v -> v.value()).contains("v2");
    assertThat(services(controller()).get("svc")).map(v -> v.value()).contains("v2");
  }

  @Test
  void theBackupIsEtcdsSnapshotAndIsNeverOverwritten() throws Exception {
    EtcdStoreConfig.EtcdStores c = controller();
    services(c).put("before", "1", Optional.empty());
    Path backup = dir.resolve("backups").resolve("etcd.snapshot");
    c.service().backup(backup);
    assertThat(Files.size(backup)).isPositive();
    assertThat(Files.readAllBytes(backup)).as("bbolt database holding the key")
        .containsSubsequence("stores/services/\"before\"".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertThatThrownBy(() -> c.service().backup(backup)).isInstanceOf(java.nio.file.FileAlreadyExistsException.class);
    etcd.kill(0);
    assertThatThrownBy(() -> c.service().backup(dir.resolve("backups").resolve("second")))
        .isInstanceOf(java.io.IOException.class).hasMessageContaining("etcd did not send its snapshot");
    assertThat(dir.resolve("backups").resolve("second.part")).doesNotExist();
  }

  /** Full controllers configured with {@code store: etcd}. */
  private Controller controllerApp(String name) throws Exception {
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
    try (Controller a = controllerApp("a"); Controller b = controllerApp("b")) {
      assertThat(a.service(EtcdAccess.class).connection()).map(c -> c.settings().namespace()).contains("/lab/");
      probe(a).put("service-1", "steer udp 5060", Optional.empty());
      Eventually.waitFor("b to see a's write", java.time.Duration.ofSeconds(10),
          () -> probe(b).get("service-1").isPresent());
      a.service(StoreAdminService.class).backup(dir.resolve("etcd.snapshot"));
    }
    assertThat(dir.resolve("etcd.snapshot")).isNotEmptyFile();
    try (Controller again = controllerApp("a")) {
      assertThat(probe(again).get("service-1")).map(v -> v.value()).contains("steer udp 5060");
    }
  }
}
