package org.netservof.bridge.api;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a caller asks the deployment service for.
 *
 * @param service the steering: filter, pool, mode, ttl, user
 * @param module the module to install first; empty for steering alone
 * @param node the one node to install on (it must be in the service's pool); empty for the pool's healthy nodes
 * @param needs building blocks a node must offer to be chosen (the SETUP's {@code dependencies})
 */
public record DeploymentRequest(Deployment.Origin origin, ServiceRequest service, Optional<ModuleInstall> module,
    Optional<String> node, List<String> needs) {
  public DeploymentRequest {
    Objects.requireNonNull(origin, "origin");
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(module, "module");
    Objects.requireNonNull(node, "node");
    needs = List.copyOf(needs);
    if (module.isPresent() && !service.user().equals(Optional.of(module.get().user()))) {
      throw new IllegalArgumentException("a module runs in its user's container: the service's user must be '"
          + module.get().user() + "', was " + service.user().map(u -> "'" + u + "'").orElse("none"));
    }
  }
}
