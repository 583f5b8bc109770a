package org.netservof.controller.api.staticentry;

import org.netservof.controller.api.store.IntentStore;

/**
 * The static entries as intent, by name. What the store holds is what the switches should hold: the static
 * entry module installs what is put and deletes what is removed or expires, whoever wrote the store.
 */
public interface StaticEntryStore extends IntentStore<String, StaticEntry> {
  /** The name the store is opened by. */
  String NAME = "static-entries";
}
