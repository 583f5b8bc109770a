package org.netservof.controller.core;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.netservof.controller.api.fabric.NodeHost;
import org.netservof.controller.api.fabric.ServicePortService;
import org.netservof.controller.util.EventSource;
import org.netservof.policy.fabric.SwitchPort;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The service ports, with who reserved each; public so that tests of other modules use the real one. */
public final class ServicePortRegistry extends EventSource<Runnable> implements ServicePortService {
  private static final Logger log = LoggerFactory.getLogger(ServicePortRegistry.class);
  private final Map<SwitchPort, String> owners = new ConcurrentHashMap<>();
  private final Map<SwitchPort, NodeHost> hosts = new ConcurrentHashMap<>();

  @Override
  public void reserve(SwitchPort port, String owner) {
    String before = owners.putIfAbsent(port, owner);
    if (before != null && !before.equals(owner)) {
      throw new IllegalArgumentException("port " + port + " is already the service port of " + before);
    }
    if (before == null) {
      log.info("port {} is now a service port ({})", port, owner);
      changed();
    }
  }

  @Override
  public void release(SwitchPort port, String owner) {
    if (owners.remove(port, owner)) {
      hosts.remove(port);
      log.info("port {} is no longer a service port ({})", port, owner);
      changed();
    }
  }

  @Override
  public void declareHost(SwitchPort port, String owner, NodeHost host) {
    if (owner.equals(owners.get(port)) && !host.equals(hosts.put(port, host))) {
      log.info("service port {} ({}) teaches only {} at {}", port, owner, host.mac(), host.address());
    }
  }

  @Override
  public Optional<NodeHost> hostAt(SwitchPort port) {
    return owners.containsKey(port) ? Optional.ofNullable(hosts.get(port)) : Optional.empty();
  }

  @Override
  public Set<SwitchPort> servicePorts() {
    return Set.copyOf(owners.keySet());
  }

  private void changed() {
    tell(Runnable::run, "a service port change");
  }
}
