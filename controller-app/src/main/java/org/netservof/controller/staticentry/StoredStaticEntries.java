package org.netservof.controller.staticentry;

import org.netservof.controller.api.staticentry.StaticEntry;
import org.netservof.controller.api.staticentry.StaticEntryStore;
import org.netservof.controller.api.store.ForwardingIntentStore;
import org.netservof.controller.api.store.StoreService;

/** The static entry store over whichever store {@link StoreService} opened. */
final class StoredStaticEntries extends ForwardingIntentStore<String, StaticEntry> implements StaticEntryStore {
  StoredStaticEntries(StoreService stores) {
    super(stores.open(NAME, String.class, StaticEntry.class));
  }
}
