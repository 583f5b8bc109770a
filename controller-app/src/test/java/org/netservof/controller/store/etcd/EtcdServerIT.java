package org.netservof.controller.store.etcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.netservof.controller.store.etcd.EtcdConnection.bytes;

import io.etcd.jetcd.Client;
import io.etcd.jetcd.election.CampaignResponse;
import io.etcd.jetcd.options.PutOption;
import io.etcd.jetcd.options.WatchOption;
import io.etcd.jetcd.watch.WatchEvent;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netservof.controller.testing.EtcdCluster;
import org.netservof.controller.testing.Eventually;

/**
 * What the cluster needs from etcd, proved against the server Debian ships (etcd-server 3.4) through jetcd
 * before anything is built on it: leases kept alive outlive their TTL and expire on time once nobody keeps
 * them (with no client connected at all), an election gives the first campaigner the lead and the next one
 * a higher revision when the first's lease ends, and a watch started from a revision replays what happened
 * since, in order, with the values before each change.
 */
class EtcdServerIT {
  @TempDir Path dir;
  private EtcdCluster etcd;
  private EtcdConnection a;
  private EtcdConnection b;

  @BeforeEach
  void start() throws Exception {
    etcd = EtcdCluster.start(dir, 1);
    a = EtcdConnection.open(EtcdSettings.plain(etcd.endpoints()));
    b = EtcdConnection.open(EtcdSettings.plain(etcd.endpoints()));
  }

  @AfterEach
  void stop() {
    a.close();
    b.close();
    etcd.close();
  }

  @Test
  void aKeptAliveLeaseOutlivesItsTtlAndExpiresOnTimeWithNoClientConnected() throws Exception {
    Client client = a.client();
    long kept = client.getLeaseClient().grant(2).get(5, TimeUnit.SECONDS).getID();
    try (var keepAlive = client.getLeaseClient().keepAlive(kept, ignored())) {
      client.getKVClient().put(a.key("kept"), bytes("v"), PutOption.builder().withLeaseId(kept).build()).get();
      Thread.sleep(4_000);
      assertThat(count(b, "kept")).as("kept alive for twice its TTL").isEqualTo(1);
    }
    long left = b.client().getLeaseClient().grant(2).get(5, TimeUnit.SECONDS).getID();
    b.client().getKVClient().put(b.key("left"), bytes("v"), PutOption.builder().withLeaseId(left).build()).get();
    b.close();
    a.close();
    Thread.sleep(3_500);
    a = EtcdConnection.open(EtcdSettings.plain(etcd.endpoints()));
    b = EtcdConnection.open(EtcdSettings.plain(etcd.endpoints()));
    assertThat(count(a, "left")).as("expired by the server while no client was connected").isZero();
    assertThat(count(a, "kept")).as("expired once its keep-alive stopped").isZero();
  }

  @Test
  void theNextCampaignerLeadsWithAHigherRevisionWhenTheLeadersLeaseEnds() throws Exception {
    long leaseA = a.client().getLeaseClient().grant(5).get(5, TimeUnit.SECONDS).getID();
    long leaseB = b.client().getLeaseClient().grant(5).get(5, TimeUnit.SECONDS).getID();
    CampaignResponse first = a.client().getElectionClient()
        .campaign(a.key("switch/1"), leaseA, bytes("a")).get(5, TimeUnit.SECONDS);
    CompletableFuture<CampaignResponse> second = b.client().getElectionClient()
        .campaign(b.key("switch/1"), leaseB, bytes("b"));
    Thread.sleep(1_000);
    assertThat(second).as("b waits while a leads").isNotDone();
    assertThat(b.client().getElectionClient().leader(b.key("switch/1")).get(5, TimeUnit.SECONDS)
        .getKv().getValue().toString()).isEqualTo("a");
    a.client().getLeaseClient().revoke(leaseA).get(5, TimeUnit.SECONDS);
    CampaignResponse next = second.get(5, TimeUnit.SECONDS);
    assertThat(next.getLeader().getRevision()).isGreaterThan(first.getLeader().getRevision());
  }

  @Test
  void aWatchFromARevisionReplaysTheChangesSinceInOrderWithTheirPreviousValues() throws Exception {
    var kv = a.client().getKVClient();
    long from = kv.put(a.key("w/1"), bytes("one")).get().getHeader().getRevision();
    kv.put(a.key("w/2"), bytes("two")).get();
    kv.put(a.key("w/1"), bytes("uno")).get();
    kv.delete(a.key("w/2")).get();
    List<String> seen = new CopyOnWriteArrayList<>();
    try (var watch = b.client().getWatchClient().watch(b.key("w/"),
        WatchOption.builder().isPrefix(true).withRevision(from + 1).withPrevKV(true).build(),
        r -> r.getEvents().forEach(e -> seen.add(describe(e))))) {
      Eventually.waitFor("the replayed changes", java.time.Duration.ofSeconds(10), () -> seen.size() >= 3);
      assertThat(seen).containsExactly("PUT w/2=two before ''", "PUT w/1=uno before 'one'",
          "DELETE w/2 before 'two'");
    }
  }

  @Test
  void aThreeMemberClusterWritesWithOneMemberDownAndRefusesWritesWithoutQuorum() throws Exception {
    try (EtcdCluster three = EtcdCluster.start(dir.resolve("three"), 3);
        EtcdConnection c = EtcdConnection.open(EtcdSettings.plain(three.endpoints()))) {
      three.kill(0);
      // A write during the election that may follow fails as UNAVAILABLE ("request timed out, possibly due
      // to previous leader failure"): a client retries it. Within a few seconds the two left write.
      Eventually.waitFor("a write with one member of three down", java.time.Duration.ofSeconds(15),
          () -> succeeds(() -> c.client().getKVClient().put(c.key("one-down"), bytes("v")).get(3, TimeUnit.SECONDS)));
      assertThat(count(c, "one-down")).isEqualTo(1);
      three.kill(1);
      assertThatThrownBy(() -> c.client().getKVClient().put(c.key("no-quorum"), bytes("v"))
          .get(3, TimeUnit.SECONDS)).isInstanceOfAny(TimeoutException.class, java.util.concurrent.ExecutionException.class);
    }
  }

  private static long count(EtcdConnection c, String key) throws Exception {
    return c.client().getKVClient().get(c.key(key)).get(5, TimeUnit.SECONDS).getCount();
  }

  private static boolean succeeds(java.util.concurrent.Callable<?> call) {
    try {
      call.call();
      return true;
    } catch (Exception e) {
      return false;
    }
  }

  private static String describe(WatchEvent e) {
    String key = e.getKeyValue().getKey().toString().substring("/netserv/".length());
    String value = e.getEventType() == WatchEvent.EventType.PUT ? "=" + e.getKeyValue().getValue() : "";
    return e.getEventType() + " " + key + value + " before '" + e.getPrevKV().getValue() + "'";
  }

  private static <T> io.grpc.stub.StreamObserver<T> ignored() {
    return new io.grpc.stub.StreamObserver<>() {
      @Override public void onNext(T value) {}
      @Override public void onError(Throwable t) {}
      @Override public void onCompleted() {}
    };
  }
}
