package org.netservof.rest.netserv;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.netservof.bridge.api.Deployment;

/**
 * A deployment as the API shows it: a module being installed (or installed) on nodes for a service.
 *
 * @param origin "signaling" or "api"
 * @param state "installing" or "active"
 * @param nodes the nodes it installs (or installed) its module on
 * @param serviceId the steering service, once registered
 */
public record DeploymentJson(int id, String origin, Optional<String> user, Optional<ModuleJson> module, String pool,
    List<String> nodes, String state, String detail, Optional<Integer> serviceId, Instant createdAt) {

  static DeploymentJson of(Deployment d) {
    return new DeploymentJson(d.id(), d.origin().name().toLowerCase(Locale.ROOT), d.service().user(),
        d.module().map(ModuleJson::of), d.service().pool(), d.nodes(), d.state().name().toLowerCase(Locale.ROOT),
        d.detail(), d.serviceId(), d.createdAt());
  }
}
