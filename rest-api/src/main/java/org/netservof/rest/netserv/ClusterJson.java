package org.netservof.rest.netserv;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.netservof.controller.api.cluster.ClusterMember;
import org.netservof.controller.api.cluster.ClusterService;
import org.netservof.controller.api.cluster.SwitchRole;
import org.netservof.rest.server.ClusterServices;

/**
 * The cluster as the answering member sees it. Every switch connects to every member, so this member's roles
 * name the master of every switch: a member's {@code masters} are the switches whose election it won, read
 * from the answering member's roles (nothing else is published for it).
 *
 * @param instanceId the member that answered
 * @param clustered whether it shares its intent with other members (store: etcd)
 * @param store whether the store takes writes now, and what the check found
 * @param members the live members, ordered by instance id
 * @param switches this member's role for each switch connected to it, by dpid
 */
public record ClusterJson(String instanceId, boolean clustered, StoreJson store, List<MemberJson> members,
    List<SwitchJson> switches) {

  /**
   * The store's health.
   *
   * @param writable whether a write would be accepted now
   */
  public record StoreJson(boolean writable, String detail) {}

  /**
   * A member.
   *
   * @param self whether it is the member that answered
   * @param masters the dpids of the switches it masters
   */
  public record MemberJson(String instanceId, String restUrl, String nodeChannel, Instant since, boolean self,
      List<String> masters) {}

  /**
   * This member's role for a switch.
   *
   * @param role master, slave or equal (no election: a controller alone, or OpenFlow 1.0)
   * @param master the member that masters it, when known
   * @param generationId the election's generation id (its etcd revision); 0 without an election
   */
  public record SwitchJson(String dpid, String role, Optional<String> master, long generationId) {}

  static ClusterJson of(ClusterServices services) {
    ClusterService cluster = services.cluster();
    List<SwitchRole> roles = services.mastership().roles().stream()
        .sorted(Comparator.comparing(SwitchRole::dpid)).toList();
    List<MemberJson> members = cluster.members().stream().map(m -> member(m, roles)).toList();
    List<SwitchJson> switches = roles.stream().map(r -> new SwitchJson(r.dpid().toString(),
        r.role().name().toLowerCase(Locale.ROOT), r.master(), r.generationId())).toList();
    ClusterService.StoreHealth health = cluster.storeHealth();
    return new ClusterJson(cluster.instanceId(), cluster.clustered(),
        new StoreJson(health.writable(), health.detail()), members, switches);
  }

  private static MemberJson member(ClusterMember m, List<SwitchRole> roles) {
    List<String> masters = roles.stream().filter(r -> r.master().filter(m.instanceId()::equals).isPresent())
        .map(r -> r.dpid().toString()).toList();
    return new MemberJson(m.instanceId(), m.restUrl(), m.nodeChannel(), m.since(), m.self(), masters);
  }
}
