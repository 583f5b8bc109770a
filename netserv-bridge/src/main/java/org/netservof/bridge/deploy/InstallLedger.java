package org.netservof.bridge.deploy;

import java.util.List;
import java.util.Optional;
import org.netservof.bridge.api.Deployment;
import org.netservof.bridge.api.DeploymentStore;
import org.netservof.bridge.api.ModuleInstall;
import org.netservof.controller.api.store.Versioned;

/**
 * What is installed where, counted from the deployments in their store (nothing is kept twice): a user's
 * module runs on a node while at least one deployment has it there, installing or active. One user's module
 * is one running instance per node, so deployments that share it must agree on its bytes and properties.
 */
final class InstallLedger {

  /** One running instance: a user's module on a node. */
  record Key(String user, String module, String node) {}

  private final DeploymentStore store;

  InstallLedger(DeploymentStore store) {
    this.store = store;
  }

  /** The deployments other than {@code except} that have the module on the node. */
  List<Deployment> holders(Key key, int except) {
    return store.all().values().stream().map(Versioned::value)
        .filter(d -> d.id() != except && d.nodes().contains(key.node()) && d.module().isPresent()
            && d.module().get().user().equals(key.user()) && d.module().get().module().equals(key.module()))
        .toList();
  }

  /** Whether no deployment has the module on the node any more. */
  boolean unused(Key key) {
    return holders(key, -1).isEmpty();
  }

  /**
   * Why the module cannot share the running instance on that node, if it cannot: another deployment runs it
   * there with other bytes or other properties.
   */
  Optional<String> conflict(Key key, ModuleInstall wanted) {
    for (Deployment d : holders(key, -1)) {
      ModuleInstall running = d.module().orElseThrow();
      if (!running.sha256().equals(wanted.sha256()) || !running.properties().equals(wanted.properties())) {
        return Optional.of("user '" + key.user() + "' already runs " + key.module() + " on node " + key.node()
            + " for service " + d.serviceId().map(String::valueOf).orElse("(being installed)") + " with other "
            + (running.sha256().equals(wanted.sha256()) ? "properties" : "bytes (sha256 " + running.sha256() + ")")
            + "; one user's module runs once per node: use the same, or remove that service first");
      }
    }
    return Optional.empty();
  }
}
