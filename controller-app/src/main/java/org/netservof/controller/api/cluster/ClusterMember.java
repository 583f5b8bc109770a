package org.netservof.controller.api.cluster;

import java.time.Instant;
import java.util.Objects;

/**
 * A controller of the cluster, as it announced itself.
 *
 * @param instanceId its {@code instance-id}, unique in the cluster
 * @param restUrl where its REST API answers ({@code http://host:8080}); operators and node agents use it
 * @param nodeChannel where node agents reach it ({@code host:port})
 * @param since when it joined
 * @param self whether it is the member answering
 */
public record ClusterMember(String instanceId, String restUrl, String nodeChannel, Instant since, boolean self) {
  public ClusterMember {
    Objects.requireNonNull(instanceId, "instanceId");
    Objects.requireNonNull(restUrl, "restUrl");
    Objects.requireNonNull(nodeChannel, "nodeChannel");
    Objects.requireNonNull(since, "since");
  }
}
