package org.netservof.controller.hosts;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import org.netservof.controller.api.fabric.Host;
import org.netservof.controller.api.store.IntentStore;
import org.netservof.controller.api.store.StoreEvent;
import org.netservof.controller.api.store.StoreListener;
import org.netservof.controller.api.store.StoreService;
import org.netservof.controller.store.MemoryStoreService;
import org.netservof.controller.util.StoreWrites;
import org.projectfloodlight.openflow.types.IPv4Address;
import org.projectfloodlight.openflow.types.MacAddress;

/**
 * The hosts other members learnt, and where this member's go: the "hosts" store, one entry per MAC with the
 * host idle timeout as its lease. In a cluster it is the shared store, so every member knows every host while
 * each keeps learning (and the move and address rules) for the switches it masters; alone, a store in this
 * process's memory that holds only this member's hosts. Thread-safe.
 */
final class SharedHosts {
  static final String STORE = "hosts";

  private final IntentStore<String, SharedHost> store;
  private final String self;
  private final StoreWrites writes;
  /** Hosts other members published, by MAC. */
  private final Map<MacAddress, Host> others = new ConcurrentHashMap<>();
  /** When each of this member's hosts was last published as seen, so a busy host is not written per frame. */
  private final Map<MacAddress, Instant> published = new ConcurrentHashMap<>();
  /** The revision the hosts read at start were read after: events from there on are merged. */
  private final long known;

  private SharedHosts(StoreService stores, String self, Executor writes) {
    this.store = stores.open(STORE, String.class, SharedHost.class);
    this.self = self;
    this.writes = new StoreWrites(writes, self);
    this.known = store.revision();
    store.all().values().forEach(v -> remember(v.value()));
  }

  static SharedHosts alone() {
    return new SharedHosts(new MemoryStoreService(), "local", Runnable::run);
  }

  /** A member of a cluster whose members share {@code stores}; writes go out on {@code writes}, in order. */
  static SharedHosts shared(StoreService stores, String instanceId, Executor writes) {
    return new SharedHosts(stores, instanceId, writes);
  }

  /** Publishes a host this member learnt (or moved, or gave a new address), leased until it goes idle. */
  void publish(Host h, Duration idle) {
    published.put(h.mac(), h.lastSeen());
    SharedHost value = SharedHost.of(h, self);
    writes.submit("publish host " + h.mac(), () -> store.put(SharedHost.key(h.mac()), value,
        Optional.of(h.lastSeen().plus(idle))));
  }

  /** Renews the leases of this member's hosts seen since half their lease went by. */
  void refresh(Collection<Host> mine, Duration idle) {
    for (Host h : mine) {
      Instant last = published.get(h.mac());
      if (last == null || h.lastSeen().isAfter(last.plus(idle.dividedBy(2)))) {
        publish(h, idle);
      }
    }
  }

  /** Withdraws a host this member forgot, unless another member has published it since. */
  void withdraw(Host h) {
    published.remove(h.mac());
    String key = SharedHost.key(h.mac());
    writes.submit("withdraw host " + h.mac(), () -> store.get(key)
        .filter(v -> v.value().publisher().equals(self)).ifPresent(v -> store.remove(key, v.revision())));
  }

  /** Forgets a host another member now publishes; what this member held of it, if anything. */
  Optional<Host> takeOver(MacAddress mac) {
    published.remove(mac);
    return Optional.ofNullable(others.remove(mac));
  }

  Optional<Host> byMac(MacAddress mac) {
    return Optional.ofNullable(others.get(mac));
  }

  List<Host> byIpv4(IPv4Address ip) {
    return others.values().stream().filter(h -> h.ipv4().contains(ip)).toList();
  }

  Collection<Host> all() {
    return List.copyOf(others.values());
  }

  void expire(Instant now) {
    store.expire(now);
  }

  /**
   * Another member's change, as the host it makes (empty for a removal) and the host it replaces here; this
   * member's own publications are no news.
   */
  Optional<Change> apply(StoreEvent<String, SharedHost> event) {
    SharedHost value = event.after().or(event::before).orElseThrow();
    if (value.publisher().equals(self)) {
      return Optional.empty();
    }
    MacAddress mac = MacAddress.of(value.mac());
    if (event.type() != StoreEvent.Type.PUT) {
      return Optional.ofNullable(others.remove(mac)).map(gone -> new Change(Optional.of(gone), Optional.empty()));
    }
    published.remove(mac);
    return Optional.of(new Change(Optional.ofNullable(others.put(mac, value.host())), Optional.of(value.host())));
  }

  private void remember(SharedHost value) {
    if (!value.publisher().equals(self)) {
      others.put(MacAddress.of(value.mac()), value.host());
    }
  }

  void listen(StoreListener<String, SharedHost> listener) {
    store.addListener(listener, known);
  }

  void unlisten(StoreListener<String, SharedHost> listener) {
    store.removeListener(listener);
  }

  /** What another member's publication changed: the host before (here), and after (empty: gone). */
  record Change(Optional<Host> before, Optional<Host> after) {}
}
