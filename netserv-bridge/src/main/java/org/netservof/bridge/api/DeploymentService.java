package org.netservof.bridge.api;

import java.util.List;
import java.util.Optional;

/**
 * The one path from "run this module for this traffic" to the fabric: install on the chosen nodes, steer,
 * roll back what a failed deployment installed, and take the module off each node when the last deployment
 * that needs it there ends (its service removed or expired). Installs again what an agent lost in a restart.
 * Signaling and the REST API are translators onto it.
 */
public interface DeploymentService {

  /**
   * Whether {@link #deploy} could take this request as far as its own rules go (its module URL lies under
   * {@code module-repositories}, or, without them, names no loopback, private or other special address);
   * changes nothing. Callers that change state of their own before deploying (a user's meter) ask first.
   *
   * @throws DeploymentException 403 naming the URL and the rule it breaks
   */
  void admit(DeploymentRequest request) throws DeploymentException;

  /**
   * Starts a deployment; its future completes when its module runs on at least one node and the switches
   * confirmed its steering, or fails with the reason (nothing of it left behind). Nodes that failed to
   * install are named in the deployment's detail; the others serve.
   *
   * @throws DeploymentException when the request cannot start ({@link #admit} refuses it, no such node, no healthy node, a different
   *     module of the same name already runs for the user, the user's limit); nothing changed
   */
  Deploying deploy(DeploymentRequest request) throws DeploymentException;

  Optional<Deployment> deployment(int id);

  /** The deployment of a steering service, if the service was deployed here. */
  Optional<Deployment> deploymentOfService(int serviceId);

  /** Every deployment (installing and active), by id. */
  List<Deployment> deployments();
}
