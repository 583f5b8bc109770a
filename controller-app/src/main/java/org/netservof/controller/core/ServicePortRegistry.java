package org.netservof.controller.core;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.netservof.controller.api.fabric.ServicePortService;
import org.netservof.policy.fabric.SwitchPort;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The service ports, with who reserved each; public so that tests of other modules use the real one. */
public final class ServicePortRegistry implements ServicePortService {
  private static final Logger log = LoggerFactory.getLogger(ServicePortRegistry.class);
  private final Map<SwitchPort, String> owners = new ConcurrentHashMap<>();
  private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

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
      log.info("port {} is no longer a service port ({})", port, owner);
      changed();
    }
  }

  @Override
  public Set<SwitchPort> servicePorts() {
    return Set.copyOf(owners.keySet());
  }

  @Override
  public boolean isServicePort(SwitchPort port) {
    return owners.containsKey(port);
  }

  @Override
  public void addListener(Runnable onChange) {
    listeners.add(onChange);
  }

  @Override
  public void removeListener(Runnable onChange) {
    listeners.remove(onChange);
  }

  private void changed() {
    for (Runnable l : listeners) {
      try {
        l.run();
      } catch (RuntimeException e) {
        log.error("service port listener failed", e);
      }
    }
  }
}
