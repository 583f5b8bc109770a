package org.netservof.controller.util;

import java.util.concurrent.Executor;
import org.netservof.controller.api.store.StoreUnavailableException;
import org.slf4j.LoggerFactory;

/**
 * Writes of observed state (links, hosts) to a shared store, in order on one executor: a write to etcd is a
 * network round trip, and a PacketIn thread or a store watch must not wait for it. A write the store refuses
 * is logged and dropped: the state is observed again and written again (a link at its next probe, a host at
 * its next refresh), and what is not expires with its lease.
 *
 * @param executor where the writes run: one thread, so they stay in order; {@code Runnable::run} for a store
 *     in memory
 * @param member this member's instance id, for the logs
 */
public record StoreWrites(Executor executor, String member) {

  /** Runs {@code write} on the executor; {@code what} names it in the log if the store refuses it. */
  public void submit(String what, Runnable write) {
    executor.execute(() -> {
      try {
        write.run();
      } catch (StoreUnavailableException e) {
        LoggerFactory.getLogger(StoreWrites.class).warn("member {}: {}: the shared store refused the write: {}",
            member, what, e.getMessage());
      }
    });
  }
}
