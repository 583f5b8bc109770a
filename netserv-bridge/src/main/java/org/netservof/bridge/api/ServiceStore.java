package org.netservof.bridge.api;

import org.netservof.controller.api.store.IntentStore;

/** Intent: the services by id; a service's lease is its expiry. */
public interface ServiceStore extends IntentStore<Integer, ServiceInfo> {}
