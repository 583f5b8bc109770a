package org.netservof.controller.store.etcd;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.etcd.jetcd.KV;
import io.etcd.jetcd.Lease;
import java.time.Clock;
import org.netservof.controller.store.StoreCodec;

/**
 * What every etcd store of one {@link EtcdStoreService} shares.
 *
 * @param kv etcd's key-value client
 * @param lease etcd's lease client
 * @param calls the timeout and retries of every request
 * @param watch the one watch over every store
 * @param clock tells whether a deleted value's deadline had passed, and the leases' TTLs
 * @param keptEvents how many events each store keeps for listeners that resume from a revision
 * @param mapper the JSON mapper of every store's codec ({@link StoreCodec#mapper()})
 */
record EtcdStoreContext(KV kv, Lease lease, EtcdCalls calls, EtcdStoreWatch watch, Clock clock, int keptEvents,
    ObjectMapper mapper) {}
