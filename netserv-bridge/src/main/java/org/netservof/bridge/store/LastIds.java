package org.netservof.bridge.store;

import java.util.Optional;
import java.util.function.IntUnaryOperator;
import org.netservof.controller.api.store.IntentStore;
import org.netservof.controller.api.store.StoreUnavailableException;
import org.netservof.controller.api.store.Versioned;

/**
 * The last id handed out of one kind (services, deployments), kept in the store "ids": a restart goes on from
 * there, so an id is not given again to something new while switches, nodes, logs or clients may still hold it
 * for what it named before. In a cluster every member hands out ids of the same kind: {@link #claim} takes the next
 * one with a compare-and-set on the shared record, so two members never hand out the same id.
 */
public final class LastIds {
  private final IntentStore<String, Integer> store;
  private final String kind;

  LastIds(IntentStore<String, Integer> store, String kind) {
    this.store = store;
    this.kind = kind;
  }

  /**
   * Hands out the next id: {@code next} answers the id to use after the last one handed out (anywhere in the
   * cluster); it is recorded with a compare-and-set, and asked again when another member took one meanwhile.
   *
   * @throws StoreUnavailableException when the record keeps changing under it (a hundred tries), or the store fails
   */
  public int claim(IntUnaryOperator next) {
    for (int attempt = 0; attempt < 100; attempt++) {
      Optional<Versioned<Integer>> current = store.get(kind);
      int id = next.applyAsInt(current.map(Versioned::value).orElse(0));
      long expected = current.map(Versioned::revision).orElse(0L);
      if (store.compareAndSet(kind, expected, id, Optional.empty()).isPresent()) {
        return id;
      }
    }
    throw new StoreUnavailableException("store '" + store.name() + "': the last " + kind + " id kept changing "
        + "while this controller claimed the next one");
  }
}
