package org.netservof.bridge.api;

import java.util.List;
import java.util.Optional;

/** Steering's services as they are now (queries and listeners); changes go through {@link SteeringAdminService}. */
public interface SteeringService {

  Optional<ServiceInfo> service(int serviceId);

  /** Every service, by id. */
  List<ServiceInfo> services();

  void addListener(SteeringListener listener);

  void removeListener(SteeringListener listener);
}
