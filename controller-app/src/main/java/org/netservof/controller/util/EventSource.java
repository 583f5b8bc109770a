package org.netservof.controller.util;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import org.netservof.controller.api.ListenerService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * The listeners of a service, which implements its {@code addListener} and {@code removeListener} by
 * extending this. Thread-safe; listeners are told in the order they were added, and one that throws is
 * logged (once per interval for the same listener, failure and event) while the others are still told.
 *
 * @param <L> the listener interface
 */
public abstract class EventSource<L> implements ListenerService<L> {
  private final Logger log = LoggerFactory.getLogger(getClass());
  /** A listener failing on every port change of a flapping switch is logged once per interval, with a count. */
  private final RepeatedFailures failures = RepeatedFailures.of(log, Level.ERROR);
  private final List<L> listeners = new CopyOnWriteArrayList<>();

  @Override
  public void addListener(L listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
  }

  @Override
  public void removeListener(L listener) {
    listeners.remove(listener);
  }

  /** The listeners now, in the order they were added. */
  protected final List<L> listeners() {
    return List.copyOf(listeners);
  }

  /**
   * Tells every listener.
   *
   * @param what the event, for the log when a listener fails (name what it concerns: switch, link, host)
   */
  protected final void tell(Consumer<? super L> event, String what) {
    for (L listener : listeners) {
      try {
        event.accept(listener);
      } catch (RejectedExecutionException e) {
        // Its executor stopped: the controller is shutting down and a switch or link went away meanwhile.
        log.debug("listener {} has stopped; {} not delivered to it", listener.getClass().getName(), what);
      } catch (RuntimeException e) {
        failures.report(List.of(listener.getClass(), e.getClass(), what), e, "listener {} failed on {}",
            listener.getClass().getName(), what);
      }
    }
  }
}
