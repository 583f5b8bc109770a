package org.netservof.bridge.api;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** Changes to steering's services: which traffic goes through which pool. */
public interface SteeringAdminService {

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
}
