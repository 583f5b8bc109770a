package org.netservof.bridge.api;

import org.netservof.controller.api.store.IntentStore;

/** Which cluster member holds each node agent's connection, by node id, each with the holder's lease. */
public interface NodeHolderStore extends IntentStore<String, NodeHolder> {}
