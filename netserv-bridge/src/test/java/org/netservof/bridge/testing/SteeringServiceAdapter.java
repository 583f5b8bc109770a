package org.netservof.bridge.testing;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.netservof.bridge.api.ServiceInfo;
import org.netservof.bridge.api.ServiceRequest;
import org.netservof.bridge.api.SteeringAdminService;
import org.netservof.bridge.api.SteeringException;
import org.netservof.bridge.api.SteeringListener;
import org.netservof.bridge.api.SteeringService;

/** Steering that has nothing and does nothing: a test overrides the calls it cares about. */
public class SteeringServiceAdapter implements SteeringService, SteeringAdminService {
  @Override
  public Optional<ServiceInfo> service(int serviceId) {
    return Optional.empty();
  }

  @Override
  public List<ServiceInfo> services() {
    return List.of();
  }

  @Override
  public void addListener(SteeringListener listener) {}

  @Override
  public void removeListener(SteeringListener listener) {}

  @Override
  public CompletableFuture<ServiceInfo> register(ServiceRequest request) throws SteeringException {
    throw new SteeringException("this test's steering registers nothing");
  }

  @Override
  public CompletableFuture<Void> setUserRate(String user, int kbps) {
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public ServiceInfo refresh(int serviceId, Duration ttl) throws SteeringException {
    throw new SteeringException("no service " + serviceId);
  }

  @Override
  public CompletableFuture<Void> remove(int serviceId) throws SteeringException {
    throw new SteeringException("no service " + serviceId);
  }
}
