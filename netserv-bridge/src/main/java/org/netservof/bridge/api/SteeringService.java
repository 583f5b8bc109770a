package org.netservof.bridge.api;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** Steering: services (which traffic, through which pool) and the pools' nodes. */
public interface SteeringService {

  /**
   * Registers a service. Its entries are on every switch, confirmed by barriers, when the future completes.
   *
   * @throws SteeringException when the pool has no nodes or the filter cannot be expressed on a connected
   *     switch; nothing changes
   */
  CompletableFuture<ServiceInfo> register(ServiceRequest request) throws SteeringException;

  /**
   * Caps the traffic steered for a user's services: an OpenFlow 1.3 meter, one per user on every switch,
   * that the user's steering entries go through first; excess is dropped. 0 removes the cap. OpenFlow 1.0
   * switches have no meters and steer uncapped. Completes when the switches confirmed.
   */
  CompletableFuture<Void> setUserRate(String user, int kbps);

  /** Pushes a service's expiry to {@code ttl} from now. */
  ServiceInfo refresh(int serviceId, Duration ttl) throws SteeringException;

  /**
   * Removes a service; the future completes when every switch confirmed its entries (classifiers, groups,
   * per-flow entries) are gone.
   */
  CompletableFuture<Void> remove(int serviceId) throws SteeringException;

  Optional<ServiceInfo> service(int serviceId);

  List<ServiceInfo> services();

  /** Adds a node to a pool (creating the pool); its port becomes a service port. */
  NodeInfo addNode(NodeSpec node) throws SteeringException;

  /** Removes a node; its flows move to the rest of its pool. */
  CompletableFuture<Void> removeNode(String nodeId) throws SteeringException;

  /**
   * Stops placing new flows on the node; the flows it carries stay there until they end (reactive per-flow
   * entries idle out), and it stays healthy. Refused while a proactive service uses its pool: proactive
   * placement cannot tell new flows from old ones, so draining would move the node's flows at once.
   * Completes when the switches confirmed the change.
   */
  CompletableFuture<Void> drainNode(String nodeId) throws SteeringException;

  /**
   * The health hook: whoever watches the node (its agent's heartbeats, say) reports it. An unhealthy node
   * gets no flows; the ones it had move to the survivors, the others keep their node.
   */
  void setNodeHealth(String nodeId, boolean healthy, String reason) throws SteeringException;

  /**
   * Whether a user's container on a node is ready for traffic (its modules installed and running). Traffic
   * of the user's services goes only to nodes whose container for the user is ready; a container that
   * stops being ready loses its flows to the others.
   */
  void setContainerReady(String nodeId, String user, boolean ready, String reason) throws SteeringException;

  /**
   * The VLAN id that carries a user's traffic to the user's container on a node, allocated on first use and
   * kept while the node stays in its pool. The node's agent gives it to the container, which reads and
   * writes only frames with that tag.
   */
  int containerMark(String nodeId, String user) throws SteeringException;

  Optional<NodeInfo> node(String nodeId);

  List<NodeInfo> nodes();

  void addListener(SteeringListener listener);

  void removeListener(SteeringListener listener);
}
