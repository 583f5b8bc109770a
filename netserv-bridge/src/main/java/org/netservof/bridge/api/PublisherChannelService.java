package org.netservof.bridge.api;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.netservof.controller.api.ListenerService;

/**
 * The channel between a running module and its publisher. Down: new properties for a user's running module,
 * applied by the module's {@code update} on every node that runs it, without a restart (the publisher's SETUP
 * of the same module with other properties, or the REST API); the deployments that run it record the new
 * properties, so a node that installs it later gets them too. Up: the latest report the module published on
 * each node, and each report as it comes to the listeners (the event stream, notifications).
 */
public interface PublisherChannelService extends ListenerService<ModuleReportListener> {

  /**
   * Sends the update to the nodes running the module; completes with the detail for people
   * ("updated NAME_VERSION on n1,n2"), or fails when no node applied it (then nothing is recorded).
   *
   * @param by who asks: the publisher by signaling, or the operator through the API
   * @throws DeploymentException 404 when the user runs no such module here, 409 while it is being installed or
   *     when the publisher asks to change a module the operator also runs for its user
   */
  CompletableFuture<String> update(String user, String module, Map<String, String> properties,
      Deployment.Origin by) throws DeploymentException;

  /** The latest report of the user's module from each node that runs it, by node id; empty when none. */
  Map<String, ModuleReport> reports(String user, String module);
}
