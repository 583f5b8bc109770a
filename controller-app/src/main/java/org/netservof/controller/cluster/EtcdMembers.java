package org.netservof.controller.cluster;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.PutOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.netservof.controller.api.cluster.ClusterMember;
import org.netservof.controller.api.cluster.ClusterService;
import org.netservof.controller.store.etcd.EtcdConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster's members as etcd lists them: each member's key {@code <namespace>members/<instance-id>} holds
 * its {@link ClusterMember} fields as JSON and lives under the member's lease, so a member that dies leaves
 * the list when its lease expires. The store's health is a quorum read, checked at most every
 * {@value #HEALTH_CACHE_MS} ms.
 */
final class EtcdMembers implements ClusterService {
  private static final Logger log = LoggerFactory.getLogger(EtcdMembers.class);
  static final String PREFIX = "members/";
  private static final long HEALTH_CACHE_MS = 2000;
  private static final long CALL_MS = 2000;
  private final ObjectMapper json = new ObjectMapper();
  private final EtcdConnection etcd;
  private final Supplier<ClusterMember> self;
  private StoreHealth health = new StoreHealth(false, "not checked yet");
  private long checkedNanos;
  private boolean checked;

  EtcdMembers(EtcdConnection etcd, Supplier<ClusterMember> self) {
    this.etcd = etcd;
    this.self = self;
  }

  /** Puts this member's key under the lease just granted. */
  void register(long lease) {
    ClusterMember me = self.get();
    Map<String, String> fields = Map.of("instanceId", me.instanceId(), "restUrl", me.restUrl(),
        "nodeChannel", me.nodeChannel(), "since", me.since().toString());
    try {
      etcd.client().getKVClient().put(etcd.key(PREFIX + me.instanceId()),
          EtcdConnection.bytes(json.writeValueAsString(fields)), PutOption.builder().withLeaseId(lease).build())
          .whenComplete((put, failed) -> {
            if (failed != null) {
              log.warn("cluster: could not register member {} ({})", me.instanceId(), failed.getMessage());
            }
          });
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("member " + me.instanceId() + " has no JSON form", e);
    }
  }

  @Override
  public List<ClusterMember> members() {
    String me = instanceId();
    try {
      List<ClusterMember> found = new ArrayList<>();
      for (KeyValue kv : etcd.client().getKVClient().get(etcd.key(PREFIX),
          GetOption.builder().isPrefix(true).build()).get(CALL_MS, TimeUnit.MILLISECONDS).getKvs()) {
        Map<String, String> f = json.readValue(kv.getValue().toString(), new TypeReference<Map<String, String>>() {});
        found.add(new ClusterMember(f.get("instanceId"), f.getOrDefault("restUrl", ""),
            f.getOrDefault("nodeChannel", ""), Instant.parse(f.get("since")), me.equals(f.get("instanceId"))));
      }
      found.sort(Comparator.comparing(ClusterMember::instanceId));
      return found;
    } catch (Exception e) {
      log.warn("cluster: could not list the members from etcd ({}); answering with this member only", e.toString());
      return List.of(self.get());
    }
  }

  @Override
  public String instanceId() {
    return self.get().instanceId();
  }

  /** Always: this member shares its intent through etcd. */
  @Override
  public boolean clustered() {
    return true;
  }

  @Override
  public synchronized StoreHealth storeHealth() {
    long now = System.nanoTime();
    if (checked && now - checkedNanos < TimeUnit.MILLISECONDS.toNanos(HEALTH_CACHE_MS)) {
      return health;
    }
    try {
      // A linearizable read needs a quorum, as a write does; counting keys moves none of them.
      long members = etcd.client().getKVClient().get(etcd.key(PREFIX), GetOption.builder().isPrefix(true)
          .withCountOnly(true).build()).get(CALL_MS, TimeUnit.MILLISECONDS).getCount();
      health = new StoreHealth(true, "etcd answers with a quorum at " + etcd.settings().endpoints() + "; "
          + members + " controllers registered");
    } catch (Exception e) {
      health = new StoreHealth(false, "etcd at " + etcd.settings().endpoints() + " did not answer a quorum read "
          + "within " + CALL_MS + " ms: " + e);
    }
    checked = true;
    checkedNanos = System.nanoTime();
    return health;
  }
}
