package org.netservof.bridge.api;

import org.netservof.controller.api.store.IntentStore;

/** Intent: the nodes by id; a pool is the nodes that share its name. */
public interface NodeStore extends IntentStore<String, NodeIntent> {}
