package org.netservof.rest.netserv;

import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.BiConsumer;
import org.netservof.controller.api.cluster.ClusterMember;
import org.netservof.controller.api.cluster.MastershipListener;
import org.netservof.controller.api.cluster.SwitchRole;
import org.netservof.controller.util.Periodic;
import org.netservof.rest.server.ClusterServices;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster's events for the stream: {@code cluster.role} when this member's role for a switch changes (told
 * by the mastership service), {@code cluster.joined} and {@code cluster.left} when the member list changes
 * (the cluster service has no listeners, so the list is compared with the last one every second).
 */
final class ClusterEvents implements MastershipListener, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ClusterEvents.class);
  static final Duration MEMBER_POLL = Duration.ofSeconds(1);

  private final ClusterServices services;
  private final BiConsumer<String, Map<String, Object>> publish;
  private final Map<String, ClusterMember> known = new HashMap<>();
  private ScheduledExecutorService timer;

  ClusterEvents(ClusterServices services, BiConsumer<String, Map<String, Object>> publish) {
    this.services = services;
    this.publish = publish;
    services.cluster().members().forEach(m -> known.put(m.instanceId(), m));
    services.mastership().addListener(this);
    if (services.cluster().clustered()) {
      timer = Periodic.timer("cluster-events");
      Periodic.every(timer, MEMBER_POLL, MEMBER_POLL, log, "member list", this::pollMembers);
    }
  }

  @Override
  public void roleChanged(SwitchRole role) {
    publish.accept("cluster.role", Map.of("dpid", role.dpid().toString(),
        "role", role.role().name().toLowerCase(Locale.ROOT), "master", role.master().orElse(""),
        "generationId", role.generationId()));
  }

  /** Compares the member list with the last one and streams who joined and who left. */
  synchronized void pollMembers() {
    Map<String, ClusterMember> now = new HashMap<>();
    services.cluster().members().forEach(m -> now.put(m.instanceId(), m));
    for (ClusterMember m : now.values()) {
      if (!known.containsKey(m.instanceId())) {
        publish.accept("cluster.joined", Map.of("instanceId", m.instanceId(), "restUrl", m.restUrl(),
            "nodeChannel", m.nodeChannel()));
      }
    }
    for (String gone : Set.copyOf(known.keySet())) {
      if (!now.containsKey(gone)) {
        publish.accept("cluster.left", Map.of("instanceId", gone));
      }
    }
    known.clear();
    known.putAll(now);
  }

  @Override
  public void close() {
    services.mastership().removeListener(this);
    if (timer != null) {
      timer.shutdownNow();
    }
  }
}
