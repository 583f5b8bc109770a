package org.netservof.rest.server;

import java.util.Objects;
import org.netservof.controller.api.cluster.ClusterService;
import org.netservof.controller.api.cluster.MastershipService;

/**
 * The cluster's services the API shows: the cluster module's when it runs, else a controller alone
 * ({@link StandaloneCluster}).
 */
public record ClusterServices(ClusterService cluster, MastershipService mastership) {
  public ClusterServices {
    Objects.requireNonNull(cluster, "cluster");
    Objects.requireNonNull(mastership, "mastership");
  }
}
