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
 * @param origin who asked for it
 * @param service the steering it asks for
 * @param module the module to run in the user's container; empty for steering alone
 * @param node the one node to install on; empty for every healthy node of the service's pool
 * @param nodes the nodes the module is installed (or being installed) on for it
 * @param state where it is in its life
 * @param detail what happened last, for people ("installed on n1,n2; failed on n3: ...")
 * @param serviceId the steering service, once registered
 */
public record Deployment(int id, Origin origin, ServiceRequest service, Optional<ModuleInstall> module,
    Optional<String> node, List<String> nodes, State state, String detail, Optional<Integer> serviceId,
    Instant createdAt) {

  /** Who asked. */
  public enum Origin { SIGNALING, API }

  /** Its life: installing, then active until its service goes; failed ones are not kept. */
  public enum State { INSTALLING, ACTIVE }

  public Deployment {
    Objects.requireNonNull(origin, "origin");
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(module, "module");
    Objects.requireNonNull(node, "node");
    nodes = List.copyOf(nodes);
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(detail, "detail");
    Objects.requireNonNull(serviceId, "serviceId");
    Objects.requireNonNull(createdAt, "createdAt");
    if (module.isPresent() && service.user().isEmpty()) {
      throw new IllegalArgumentException("a module runs in a user's container: the service needs a user");
    }
    module.ifPresent(m -> {
      if (!service.user().orElseThrow().equals(m.user())) {
        throw new IllegalArgumentException("module of user '" + m.user() + "' for a service of user '"
            + service.user().orElseThrow() + "'");
      }
    });
  }

  public Deployment with(List<String> newNodes, State newState, String newDetail, Optional<Integer> newServiceId) {
    return new Deployment(id, origin, service, module, node, newNodes, newState, newDetail, newServiceId, createdAt);
  }
}
