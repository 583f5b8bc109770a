package org.netservof.bridge.api;

import java.time.Instant;
import java.util.List;
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
 */
public record Deployment(int id, DeploymentRequest request, List<String> nodes, State state, String detail,
    Optional<Integer> serviceId, Instant createdAt) {

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
    return new Deployment(id, request, newNodes, newState, newDetail, newServiceId, createdAt);
  }
}
