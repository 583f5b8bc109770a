package org.netservof.controller.store.etcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.netservof.controller.store.etcd.EtcdControllers.services;

import io.etcd.jetcd.maintenance.StatusResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netservof.controller.api.store.IntentStore;
import org.netservof.controller.api.store.StoreEvent;
import org.netservof.controller.api.store.StoreUnavailableException;
import org.netservof.controller.api.store.Versioned;
import org.netservof.controller.testing.EtcdCluster;
import org.netservof.controller.testing.Eventually;
import org.netservof.controller.testing.LogCapture;

/**
 * The etcd store on a three-member etcd cluster: the leader killed while a controller writes loses no
 * acknowledged write (the two left elect a leader, the writes caught by the election are sent again within
 * the timeout, the watch resumes on a member left); two members killed leave no quorum, and every write
 * fails within the timeout as unavailable, changing nothing, then works again once they are back; a
 * controller whose member was down while the others wrote and compacted reads the stores again and tells
 * its listeners the difference.
 */
class EtcdStoreClusterIT {
  private static final Duration WAIT = Duration.ofSeconds(20);
  @TempDir Path dir;
  private EtcdCluster three;
  private final EtcdControllers controllers = new EtcdControllers();

  @AfterEach
  void stop() {
    controllers.close();
    if (three != null) {
      three.close();
    }
  }

  private EtcdStoreConfig.EtcdStores controller(Duration timeout) throws Exception {
    return controllers.open(new EtcdSettings(three.endpoints(), Optional.empty(), Optional.empty(),
        Optional.empty(), "/netserv/", timeout));
  }

  @Test
  void theLeaderKilledDuringWritesLosesNoAcknowledgedWrite() throws Exception {
    three = EtcdCluster.start(dir, 3);
    EtcdStoreConfig.EtcdStores c = controller(Duration.ofSeconds(5));
    IntentStore<String, String> store = services(c);
    List<String> acknowledged = new CopyOnWriteArrayList<>();
    List<String> failed = new CopyOnWriteArrayList<>();
    Thread writer = new Thread(() -> {
      for (int i = 0; i < 150; i++) {
        try {
          store.put("svc-" + i, "value-" + i, Optional.empty());
          acknowledged.add("svc-" + i);
        } catch (StoreUnavailableException e) {
          failed.add("svc-" + i + ": " + e.getMessage());
        }
      }
    }, "test-writer");
    writer.start();
    Eventually.waitFor("the first writes", WAIT, () -> acknowledged.size() >= 20);
    three.kill(leader(c));
    writer.join(TimeUnit.SECONDS.toMillis(60));
    assertThat(failed).as("writes during the election are sent again within the timeout").isEmpty();
    assertThat(acknowledged).hasSize(150);
    IntentStore<String, String> fresh = services(controller(Duration.ofSeconds(5)));
    assertThat(values(fresh)).hasSize(150).containsAllEntriesOf(acknowledged.stream()
        .collect(Collectors.toMap(k -> k, k -> "value-" + k.substring("svc-".length()))));
    Eventually.waitFor("the writer's watch to hold what etcd holds", WAIT, () -> store.all().equals(fresh.all()));
  }

  @Test
  void withoutQuorumWritesFailWithinTheTimeoutChangeNothingAndWorkOnceItIsBack() throws Exception {
    three = EtcdCluster.start(dir, 3);
    EtcdStoreConfig.EtcdStores c = controller(Duration.ofSeconds(2));
    IntentStore<String, String> store = services(c);
    long before = store.put("before", "1", Optional.empty()).revision();
    store.put("leased", "x", Optional.of(Instant.now().plusSeconds(120)));
    Map<String, Versioned<String>> held = store.all();
    three.kill(1);
    three.kill(2);
    // Wait until the member left has given up leading, so no write below is half-way in its log.
    Eventually.waitFor("the member left to have no leader", WAIT, () -> leaderless(c, 0));
    assertThatThrownBy(() -> store.put("during", "2", Optional.empty()))
        .isInstanceOf(StoreUnavailableException.class).hasMessageContaining("'services'")
        .hasMessageContaining("majority of the etcd members");
    assertThatThrownBy(() -> store.compareAndSet("before", before, "3", Optional.empty()))
        .isInstanceOf(StoreUnavailableException.class);
    assertThatThrownBy(() -> store.put("leased-too", "y", Optional.of(Instant.now().plusSeconds(120))))
        .isInstanceOf(StoreUnavailableException.class).hasMessageContaining("lease");
    assertThatThrownBy(() -> store.remove("before")).isInstanceOf(StoreUnavailableException.class);
    assertThatThrownBy(() -> store.remove("before", before)).isInstanceOf(StoreUnavailableException.class);
    assertThat(store.all()).isEqualTo(held);

    three.restart(1);
    three.restart(2);
    Eventually.waitFor("a write once quorum is back", WAIT, () -> {
      try {
        store.put("after", "4", Optional.empty());
        return true;
      } catch (StoreUnavailableException e) {
        return false;
      }
    });
    IntentStore<String, String> fresh = services(controller(Duration.ofSeconds(5)));
    assertThat(values(fresh)).containsOnly(Map.entry("before", "1"), Map.entry("leased", "x"),
        Map.entry("after", "4"));
    assertThat(fresh.get("leased").orElseThrow().deadline()).isEqualTo(held.get("leased").deadline());
    Eventually.waitFor("the first controller's watch to hold what etcd holds", WAIT,
        () -> store.all().equals(fresh.all()));
  }

  @Test
  void aWatchBehindACompactionReadsTheStoresAgainAndTellsTheDifference() throws Exception {
    three = EtcdCluster.start(dir, 3);
    EtcdStoreConfig.EtcdStores first = controller(Duration.ofSeconds(5));
    IntentStore<String, String> writer = services(first);
    EtcdStoreConfig.EtcdStores follower = controllers.open(EtcdSettings.plain(List.of(three.endpoints().get(1))));
    IntentStore<String, String> reader = services(follower);
    writer.put("kept", "1", Optional.empty());
    writer.put("changed", "old", Optional.empty());
    writer.put("removed", "x", Optional.empty());
    Eventually.waitFor("the reader to see three values", WAIT, () -> reader.all().size() == 3);
    List<StoreEvent<String, String>> seen = new CopyOnWriteArrayList<>();
    reader.addListener(seen::add, reader.revision());
    try (LogCapture log = new LogCapture()) {
      three.kill(1);
      writer.put("changed", "new", Optional.empty());
      writer.remove("removed");
      long last = writer.put("added", "y", Optional.empty()).revision();
      first.connection().client().getKVClient().compact(last).get(5, TimeUnit.SECONDS);
      three.restart(1);
      Eventually.waitFor("the reader to hold what etcd holds", WAIT, () -> reader.all().equals(writer.all()));
      assertThat(log.problems()).anyMatch(p -> p.contains("those revisions are compacted"));
    }
    assertThat(seen).extracting(e -> e.type() + " " + e.key())
        .containsExactlyInAnyOrder("PUT changed", "REMOVE removed", "PUT added");
    assertThat(seen).filteredOn(e -> e.key().equals("changed")).singleElement()
        .satisfies(e -> assertThat(e.before()).contains("old"));
    writer.put("later", "z", Optional.empty());
    Eventually.waitFor("the reader's watch to go on after the reload", WAIT,
        () -> seen.stream().anyMatch(e -> e.key().equals("later")));
  }

  private static Map<String, String> values(IntentStore<String, String> store) {
    return store.all().entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().value()));
  }

  private int leader(EtcdStoreConfig.EtcdStores c) throws Exception {
    for (int i = 0; i < 3; i++) {
      StatusResponse s = status(c, i);
      if (s.getHeader().getMemberId() == s.getLeader()) {
        return i;
      }
    }
    throw new AssertionError("no member of three leads");
  }

  private boolean leaderless(EtcdStoreConfig.EtcdStores c, int member) {
    try {
      return status(c, member).getLeader() == 0;
    } catch (Exception e) {
      return false;
    }
  }

  private StatusResponse status(EtcdStoreConfig.EtcdStores c, int member) throws Exception {
    return c.connection().client().getMaintenanceClient()
        .statusMember(three.members().get(member).clientUrl().toString()).get(5, TimeUnit.SECONDS);
  }
}
