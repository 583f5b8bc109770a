package org.netservof.rest.floodlight;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.netservof.controller.api.cluster.ClusterMember;
import org.netservof.controller.api.cluster.ClusterService;
import org.netservof.controller.api.cluster.SwitchRole;

/**
 * Floodlight's controller role, {@code {"role": "ACTIVE"|"STANDBY", "role-change-description": ...,
 * "role-change-date-time": ...}}, mapped onto this controller's cluster: Floodlight has one active controller
 * and standbys; here every member of a cluster masters its share of the switches, so a member is ACTIVE while
 * it may write (alone, or clustered with a writable store) and STANDBY while the shared store has no quorum
 * (it then writes to no switch).
 */
final class ControllerRoleJson {
  private ControllerRoleJson() {}

  static Map<String, String> of(ClusterService cluster, Collection<SwitchRole> roles, Instant startedAt) {
    ClusterService.StoreHealth health = cluster.storeHealth();
    boolean active = !cluster.clustered() || health.writable();
    long masters = roles.stream().filter(r -> r.role() == SwitchRole.Role.MASTER).count();
    List<ClusterMember> members = cluster.members();
    Instant since = members.stream().filter(ClusterMember::self).map(ClusterMember::since).findFirst()
        .orElse(startedAt);
    String description = cluster.clustered()
        ? "member '" + cluster.instanceId() + "' of " + members.size() + ", master of " + masters + " of "
            + roles.size() + " switches; store: " + health.detail()
        : "standalone controller '" + cluster.instanceId() + "': writes to all " + roles.size() + " switches";
    Map<String, String> out = new LinkedHashMap<>();
    out.put("role", active ? "ACTIVE" : "STANDBY");
    out.put("role-change-description", description);
    out.put("role-change-date-time", FloodlightDate.of(since));
    return out;
  }
}
