package org.netservof.rest.server;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.netservof.controller.api.SwitchService;
import org.netservof.controller.api.cluster.ClusterMember;
import org.netservof.controller.api.cluster.ClusterService;
import org.netservof.controller.api.cluster.MastershipListener;
import org.netservof.controller.api.cluster.MastershipService;
import org.netservof.controller.api.cluster.SwitchRole;
import org.projectfloodlight.openflow.types.DatapathId;

/**
 * A controller with no cluster module: a cluster of one member that writes to every switch it has (role
 * EQUAL, no election) and keeps its intent in a local store. The cluster module's services replace it.
 */
final class StandaloneCluster implements ClusterService, MastershipService {
  /** The instance id a controller alone answers with. */
  static final String INSTANCE_ID = "standalone";
  private final SwitchService switches;
  private final Supplier<String> restUrl;
  private final Instant since;

  StandaloneCluster(SwitchService switches, Supplier<String> restUrl, Instant since) {
    this.switches = switches;
    this.restUrl = restUrl;
    this.since = since;
  }

  static ClusterServices services(SwitchService switches, Supplier<String> restUrl, Instant since) {
    StandaloneCluster alone = new StandaloneCluster(switches, restUrl, since);
    return new ClusterServices(alone, alone);
  }

  @Override
  public String instanceId() {
    return INSTANCE_ID;
  }

  @Override
  public List<ClusterMember> members() {
    return List.of(new ClusterMember(INSTANCE_ID, restUrl.get(), "", since, true));
  }

  @Override
  public boolean clustered() {
    return false;
  }

  @Override
  public StoreHealth storeHealth() {
    return new StoreHealth(true, "local store: one controller, no cluster");
  }

  @Override
  public Optional<SwitchRole> role(DatapathId dpid) {
    return switches.getSwitch(dpid).map(sw -> alone(sw.id()));
  }

  @Override
  public Collection<SwitchRole> roles() {
    return switches.switches().stream().map(sw -> alone(sw.id())).toList();
  }

  /** Roles never change here: nobody to tell. */
  @Override
  public void addListener(MastershipListener listener) {}

  @Override
  public void removeListener(MastershipListener listener) {}

  private static SwitchRole alone(DatapathId dpid) {
    return new SwitchRole(dpid, SwitchRole.Role.EQUAL, 0, Optional.of(INSTANCE_ID));
  }
}
