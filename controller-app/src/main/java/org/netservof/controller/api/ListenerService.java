package org.netservof.controller.api;

/**
 * A service that tells listeners about its changes (as ONOS's {@code ListenerService}). Adding and removing
 * are thread-safe; listeners are called on the thread that made the change and must not block.
 *
 * @param <L> the listener interface
 */
public interface ListenerService<L> {

  void addListener(L listener);

  /** No effect if the listener is not registered. */
  void removeListener(L listener);
}
