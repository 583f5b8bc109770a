package org.netservof.bridge.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One request to run a module for a service: the deployment service's record of it, kept in the
 * {@link DeploymentStore}. The ledger of what is installed where is counted from these records, per user,
 * module and node, so two deployments of the same user's module share its install on a node, and the module
 * leaves a node only with the last deployment that needs it there.
 *
 * @param id its number, unique among deployments
 * @param request what was asked: origin, steering, module, node, needed blocks
 * @param nodes the nodes the module is installed (or being installed) on for it
 * @param state where it is in its life
 * @param detail what happened last, for people ("installed on n1,n2; failed on n3: ...")
 * @param serviceId the steering service, once registered
 * @param member in a cluster, the instance id of the member that took the request (and answers it); empty alone
 * @param handOffs in a cluster, while it is being installed, its installs on nodes other members hold, by node
 */
public record Deployment(int id, DeploymentRequest request, List<String> nodes, State state, String detail,
    Optional<Integer> serviceId, Instant createdAt, Optional<String> member, Map<String, HandOff> handOffs) {

  /** Who asked. */
  public enum Origin { SIGNALING, API }

  /** Its life: installing, then active until its service goes; failed ones are not kept. */
  public enum State { INSTALLING, ACTIVE }

  public Deployment {
    Objects.requireNonNull(request, "request");
    nodes = List.copyOf(nodes);
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(detail, "detail");
    Objects.requireNonNull(serviceId, "serviceId");
    Objects.requireNonNull(createdAt, "createdAt");
    member = member == null ? Optional.empty() : member; // a record written before clusters
    handOffs = handOffs == null ? Map.of() : Map.copyOf(handOffs);
  }

  /** A deployment taken by a controller alone. */
  public Deployment(int id, DeploymentRequest request, List<String> nodes, State state, String detail,
      Optional<Integer> serviceId, Instant createdAt) {
    this(id, request, nodes, state, detail, serviceId, createdAt, Optional.empty(), Map.of());
  }

  public Origin origin() {
    return request.origin();
  }

  public ServiceRequest service() {
    return request.service();
  }

  public Optional<ModuleInstall> module() {
    return request.module();
  }

  public Deployment with(List<String> newNodes, State newState, String newDetail, Optional<Integer> newServiceId) {
    return new Deployment(id, request, newNodes, newState, newDetail, newServiceId, createdAt, member, handOffs);
  }

  /** The same deployment with these hand-offs (none once its installs settled). */
  public Deployment withHandOffs(Map<String, HandOff> newHandOffs) {
    return new Deployment(id, request, nodes, state, detail, serviceId, createdAt, member, newHandOffs);
  }
}
