package org.netservof.controller.store.etcd;

import java.util.Optional;

/**
 * The controller's connection to etcd, for the modules beside the stores that talk to it (mastership
 * elections, the member list); provided by the store module, empty unless {@code store: etcd}.
 */
@FunctionalInterface
public interface EtcdAccess {
  Optional<EtcdConnection> connection();
}
