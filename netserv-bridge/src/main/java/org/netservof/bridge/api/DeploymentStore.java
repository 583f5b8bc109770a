package org.netservof.bridge.api;

import org.netservof.controller.api.store.IntentStore;

/** Intent: the deployments by id; the ledger of what runs where is counted from them. */
public interface DeploymentStore extends IntentStore<Integer, Deployment> {}
