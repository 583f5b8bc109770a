/**
 * The NetServ bridge's services for other modules (signaling, REST, tests): interfaces and records only.
 *
 * <ul>
 *   <li>Intent lives in stores: {@link org.netservof.bridge.api.ServiceStore} (services and their leases),
 *       {@link org.netservof.bridge.api.DeploymentStore} (which module runs for which service on which nodes),
 *       {@link org.netservof.bridge.api.NodeStore} (nodes, their pools and drain state). Everything else is
 *       derived from them: steering plans, meters, installs on nodes.</li>
 *   <li>{@link org.netservof.bridge.api.DeploymentService}: the one path that installs a module on nodes and
 *       steers its traffic there (signaling and REST both translate onto it).</li>
 *   <li>{@link org.netservof.bridge.api.SteeringService} / {@link org.netservof.bridge.api.SteeringAdminService}:
 *       services (which traffic goes through which pool).</li>
 *   <li>{@link org.netservof.bridge.api.NodePoolService} / {@link org.netservof.bridge.api.NodePoolAdminService}:
 *       nodes and pools, one {@link org.netservof.bridge.api.NodeView} per node;
 *       {@link org.netservof.bridge.api.NodeHealthService} is the node channel's hook into them.</li>
 *   <li>{@link org.netservof.bridge.api.NodeAgentService}: commands to node agents.</li>
 * </ul>
 *
 * <p>Threading: every method may be called from any thread. Futures complete on a controller thread once
 * the switches confirmed the change with a barrier.
 */
package org.netservof.bridge.api;
