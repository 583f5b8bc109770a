package org.netservof.controller.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netservof.controller.api.store.IntentStore;
import org.netservof.controller.api.store.StoreUnavailableException;
import org.netservof.controller.api.store.Versioned;
import org.netservof.controller.testing.Processes;

/**
 * A store on a disk that fills up: the write that does not fit fails with {@link StoreUnavailableException},
 * changes nothing, and every write acknowledged before it is in the file. The disk is a 1 MiB tmpfs mounted
 * under the test's directory (the tests run as root).
 */
class StoreFullDiskIT {
  @TempDir
  Path dir;
  private Path disk;

  @BeforeEach
  void mount() throws Exception {
    disk = Files.createDirectory(dir.resolve("disk"));
    Processes.run("mount", "-t", "tmpfs", "-o", "size=1m", "netserv-store-test", disk.toString());
  }

  @AfterEach
  void unmount() {
    Processes.run("umount", disk.toString());
  }

  @Test
  void aWriteThatDoesNotFitIsRefusedAndNothingAcknowledgedIsLost() throws Exception {
    Path file = disk.resolve("store").resolve("intent.mv.db");
    List<Integer> acknowledged = new ArrayList<>();
    String big = "x".repeat(8 * 1024);
    StoreUnavailableException refused = null;
    try (EmbeddedStoreService stores = EmbeddedStoreService.open(file, true)) {
      IntentStore<Integer, String> services = stores.open("services", Integer.class, String.class);
      for (int key = 1; refused == null && key < 1000; key++) {
        try {
          services.put(key, big + key, Optional.empty());
          acknowledged.add(key);
        } catch (StoreUnavailableException e) {
          refused = e;
          assertThat(services.get(key)).as("the refused write is not visible").isEmpty();
          assertThat(services.revision()).isEqualTo(acknowledged.size());
        }
      }
      assertThat(refused).as("the disk filled up").isNotNull();
      assertThat(refused.getMessage()).contains(file.toString()).contains("could not be written")
          .contains("was not made");
      int next = acknowledged.size() + 2;
      assertThatThrownBy(() -> services.put(next, "small", Optional.empty()))
          .isInstanceOf(StoreUnavailableException.class);
      assertThat(services.all()).hasSize(acknowledged.size());
    }
    Path copy = Files.copy(file, dir.resolve("intent.mv.db"));
    try (EmbeddedStoreService stores = EmbeddedStoreService.open(copy, true)) {
      IntentStore<Integer, String> services = stores.open("services", Integer.class, String.class);
      assertThat(services.all()).containsOnlyKeys(acknowledged);
      acknowledged.forEach(k -> assertThat(services.get(k)).map(Versioned::value).contains(big + k));
    }
  }
}
