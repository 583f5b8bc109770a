package org.netservof.bridge.store;

import java.util.Optional;
import org.netservof.controller.api.store.IntentStore;
import org.netservof.controller.api.store.Versioned;

/**
 * The last id handed out of one kind (services, deployments), kept in the store "ids": a restart goes on from
 * there, so an id is not given again to something new while switches, nodes, logs or clients may still hold it
 * for what it named before. Not thread-safe: its owner allocates under its own lock.
 */
public final class LastIds {
  private final IntentStore<String, Integer> store;
  private final String kind;

  LastIds(IntentStore<String, Integer> store, String kind) {
    this.store = store;
    this.kind = kind;
  }

  /** The last id handed out; 0 when none ever was. */
  public int last() {
    return store.get(kind).map(Versioned::value).orElse(0);
  }

  /** Records an id as handed out, before it is used. */
  public void handedOut(int id) {
    store.put(kind, id, Optional.empty());
  }
}
