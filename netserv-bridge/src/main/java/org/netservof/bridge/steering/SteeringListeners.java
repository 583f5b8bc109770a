package org.netservof.bridge.steering;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.netservof.bridge.api.SteeringListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The listeners of steering's services and nodes; one failing listener does not keep the others from hearing. */
final class SteeringListeners {
  private static final Logger log = LoggerFactory.getLogger(SteeringListeners.class);
  private final List<SteeringListener> listeners = new CopyOnWriteArrayList<>();

  void add(SteeringListener listener) {
    listeners.add(listener);
  }

  void remove(SteeringListener listener) {
    listeners.remove(listener);
  }

  void tell(Consumer<SteeringListener> event) {
    for (SteeringListener l : listeners) {
      try {
        event.accept(l);
      } catch (RuntimeException e) {
        log.error("steering listener {} failed", l.getClass().getName(), e);
      }
    }
  }
}
