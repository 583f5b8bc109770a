package org.netservof.bridge.api;

import java.util.List;
import java.util.Optional;
import org.netservof.controller.api.ListenerService;

/** Steering's services as they are now (queries and listeners); changes go through {@link SteeringAdminService}. */
public interface SteeringService extends ListenerService<SteeringListener> {

  Optional<ServiceInfo> service(int serviceId);

  /** Every service, by id. */
  List<ServiceInfo> services();
}
