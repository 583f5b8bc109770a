package org.netservof.modules.relay;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.netservof.modules.common.ClientError;

/**
 * The relay's allocations, by client address and by relay port, held to the bounds of {@link RelaySettings}:
 * at most one relay port each (the ports the module opened), at most {@code max-allocations} in all and
 * {@code max-allocations-per-client} per client IP address. Not thread-safe: {@link TurnHandler} owns it.
 */
final class AllocationTable {
  private final RelaySettings settings;
  private final Deque<Integer> freePorts;
  private final Map<InetSocketAddress, Allocation> byClient = new HashMap<>();
  private final Map<Integer, Allocation> byPort = new HashMap<>();
  private final Map<InetAddress, Integer> perClientIp = new HashMap<>();

  AllocationTable(RelaySettings settings) {
    this.settings = settings;
    this.freePorts = new ArrayDeque<>(settings.relayPorts());
  }

  /** A new allocation for {@code client}, living until {@code expiresAt}. */
  Allocation allocate(InetSocketAddress client, long expiresAt) throws ClientError {
    if (byClient.containsKey(client)) {
      throw new ClientError(Stun.ALLOCATION_MISMATCH, "this client address already has an allocation");
    }
    if (perClientIp.getOrDefault(client.getAddress(), 0) >= settings.maxPerClient()) {
      throw new ClientError(Stun.QUOTA_REACHED, "at most " + settings.maxPerClient() + " allocations a client");
    }
    if (byClient.size() >= settings.maxAllocations() || freePorts.isEmpty()) {
      throw new ClientError(Stun.INSUFFICIENT_CAPACITY, "no relay port free");
    }
    Allocation allocation = new Allocation(client, freePorts.removeFirst(), expiresAt, settings.maxPermissions());
    byClient.put(client, allocation);
    byPort.put(allocation.relayPort(), allocation);
    perClientIp.merge(client.getAddress(), 1, Integer::sum);
    return allocation;
  }

  Optional<Allocation> byClient(InetSocketAddress client) {
    return Optional.ofNullable(byClient.get(client));
  }

  Optional<Allocation> byRelayPort(int port) {
    return Optional.ofNullable(byPort.get(port));
  }

  /** Deletes {@code allocation}; its relay port goes to the back of the free list (reused last). */
  void remove(Allocation allocation) {
    if (byClient.remove(allocation.client(), allocation)) {
      byPort.remove(allocation.relayPort());
      perClientIp.computeIfPresent(allocation.client().getAddress(), (ip, n) -> n == 1 ? null : n - 1);
      freePorts.addLast(allocation.relayPort());
    }
  }

  /** Deletes the allocations that expired by {@code now} and the expired parts of the others; answers how many. */
  int expire(long now) {
    int removed = 0;
    for (Iterator<Allocation> it = List.copyOf(byClient.values()).iterator(); it.hasNext(); ) {
      Allocation a = it.next();
      if (a.expiresAt() - now <= 0) {
        remove(a);
        removed++;
      } else {
        a.expire(now);
      }
    }
    return removed;
  }

  int size() {
    return byClient.size();
  }
}
