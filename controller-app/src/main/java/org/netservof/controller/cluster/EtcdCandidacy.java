package org.netservof.controller.cluster;

import static org.netservof.controller.store.etcd.EtcdConnection.bytes;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.Watch;
import io.etcd.jetcd.options.WatchOption;
import io.etcd.jetcd.watch.WatchEvent;
import io.etcd.jetcd.watch.WatchResponse;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.netservof.controller.store.etcd.EtcdConnection;
import org.projectfloodlight.openflow.types.DatapathId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This member's candidacy in one switch's election. It campaigns (jetcd's {@code campaign}, which puts the key
 * {@code <election>/<lease in hex>} under the member's lease and waits for the lead), watches the election's
 * keys, and on every change reads the leader ({@code leader}: the candidate with the lowest create revision,
 * whose create revision is the generation id). The leader is this member only if its key carries this
 * member's current lease: a campaign that returns after its key vanished with an expired lease is not a lead.
 */
final class EtcdCandidacy implements Elections.Candidacy {
  private static final Logger log = LoggerFactory.getLogger(EtcdCandidacy.class);
  private static final long RETRY_MS = 500;
  private final EtcdConnection etcd;
  private final DatapathId dpid;
  private final String instanceId;
  private final long lease;
  private final Consumer<Leader> leaders;
  private final ScheduledExecutorService retries;
  /** The election's name, the prefix its candidates' keys live under. */
  private final ByteSequence election;
  private volatile boolean withdrawn;
  private volatile Optional<Watch.Watcher> watcher = Optional.empty();
  /** The highest generation told: a leader read late, after a newer one, is not told again. */
  private long told;

  /** @param member this member's connection, instance id and retry timer; {@code lease} its current lease */
  EtcdCandidacy(EtcdElections member, DatapathId dpid, long lease, Consumer<Leader> leaders) {
    this.etcd = member.etcd();
    this.instanceId = member.instanceId();
    this.retries = member.retries();
    this.election = etcd.key(EtcdElections.name(dpid));
    this.dpid = dpid;
    this.lease = lease;
    this.leaders = leaders;
  }

  void start() {
    ByteSequence prefix = etcd.key(EtcdElections.name(dpid) + "/");
    watcher = Optional.of(etcd.client().getWatchClient().watch(prefix, WatchOption.builder().isPrefix(true).build(),
        this::changed, failed -> log.debug("switch {}: election watch failed: {}", dpid, failed.toString())));
    campaign();
    readLeader();
  }

  private void campaign() {
    if (withdrawn) {
      return;
    }
    etcd.client().getElectionClient().campaign(election, lease, bytes(instanceId)).whenComplete((won, failed) -> {
      if (withdrawn) {
        resign(); // the campaign put its key after the withdrawal deleted it: delete it again
      } else if (failed != null) {
        log.info("switch {}: campaign under lease {} failed ({}); trying again", dpid, Long.toHexString(lease),
            failed.getMessage());
        retries.schedule(this::campaign, RETRY_MS, TimeUnit.MILLISECONDS);
      } else {
        readLeader();
      }
    });
  }

  /**
   * Reads the leader again after any change. This member's own key deleted while it still stands (a withdrawn
   * candidacy of the same lease, for an earlier connection of the switch, deleted the key they share) puts it
   * back in the race.
   */
  private void changed(WatchResponse response) {
    boolean lostOwnKey = response.getEvents().stream().anyMatch(e -> e.getEventType() == WatchEvent.EventType.DELETE
        && e.getKeyValue().getKey().equals(ownKey()));
    if (lostOwnKey && !withdrawn) {
      campaign();
    }
    readLeader();
  }

  private ByteSequence ownKey() {
    return etcd.key(EtcdElections.name(dpid) + "/" + Long.toHexString(lease));
  }

  private void readLeader() {
    if (withdrawn) {
      return;
    }
    etcd.client().getElectionClient().leader(election).whenComplete((found, failed) -> {
      if (failed == null) {
        tell(found.getKv());
      } else {
        log.debug("switch {}: no leader read ({})", dpid, failed.getMessage());
      }
    });
  }

  private void tell(KeyValue leader) {
    Leader seen = new Leader(leader.getValue().toString(), leader.getCreateRevision(), leader.getLease() == lease);
    synchronized (this) {
      if (withdrawn || seen.generation() < told) {
        return;
      }
      told = seen.generation();
    }
    leaders.accept(seen);
  }

  /** Stops watching and deletes this member's key: it resigns the lead, or leaves the queue for it. */
  @Override
  public void withdraw() {
    synchronized (this) {
      if (withdrawn) {
        return;
      }
      withdrawn = true;
    }
    watcher.ifPresent(Watch.Watcher::close);
    resign();
  }

  /** Deletes this member's key (etcd's election key: the election's name, "/", the lease in hex). */
  private void resign() {
    etcd.client().getKVClient().delete(ownKey()).whenComplete((deleted, failed) -> {
      if (failed != null) {
        log.info("switch {}: could not resign ({}); the key goes with lease {}", dpid, failed.getMessage(),
            Long.toHexString(lease));
      }
    });
  }
}
