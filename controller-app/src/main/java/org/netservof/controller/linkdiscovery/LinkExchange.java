package org.netservof.controller.linkdiscovery;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import org.netservof.controller.api.store.IntentStore;
import org.netservof.controller.api.store.StoreListener;
import org.netservof.controller.api.store.StoreService;
import org.netservof.controller.store.MemoryStoreService;
import org.netservof.controller.util.StoreWrites;
import org.netservof.policy.fabric.Link;
import org.netservof.policy.fabric.SwitchPort;

/**
 * Where a member's verified links go and every member's links come from: the "links" store, and, in a
 * cluster, the "probe-receipts" store through which the master of a receiving switch hands a probe to the
 * member that sent it. Alone, both live in this process's memory (a link is observed, not intended: it must
 * not outlive the process in the embedded store); in a cluster, in the shared store, so every member merges
 * every member's links. Every link takes the same path either way: verified, published, merged from the
 * store's events.
 */
final class LinkExchange {
  static final String LINKS = "links";
  static final String RECEIPTS = "probe-receipts";

  private final IntentStore<String, SharedLink> links;
  private final IntentStore<String, ProbeReceipt> receipts;
  private final String self;
  private final boolean shared;
  private final AtomicLong receiptSeq = new AtomicLong();
  /** The revision {@link #current()} read after: the links listener starts there, so no change falls between. */
  private volatile long known;
  private final StoreWrites writes;

  private LinkExchange(StoreService stores, String self, boolean shared, Executor writes) {
    this.links = stores.open(LINKS, String.class, SharedLink.class);
    this.receipts = stores.open(RECEIPTS, String.class, ProbeReceipt.class);
    this.self = Objects.requireNonNull(self, "self");
    this.shared = shared;
    this.writes = new StoreWrites(writes, self);
  }

  /** One controller alone: links in this process's memory, no receipts. */
  static LinkExchange alone() {
    return new LinkExchange(new MemoryStoreService(), "local", false, Runnable::run);
  }

  /**
   * A member of a cluster whose members share {@code stores}. Writes go out on {@code writes}, in order: a
   * write to etcd is a network round trip, and a PacketIn thread or a store watch must not wait for it.
   */
  static LinkExchange shared(StoreService stores, String instanceId, Executor writes) {
    return new LinkExchange(stores, instanceId, true, writes);
  }

  String self() {
    return self;
  }

  /** Whether other members may receive this member's probes (and it theirs). */
  boolean shared() {
    return shared;
  }

  /** Publishes (or renews) a link this member verified, until {@code deadline}. */
  void publish(Link link, Duration latency, Instant deadline) {
    SharedLink value = SharedLink.of(link, latency.toNanos() / 1000, self);
    writes.submit("publish " + link, () -> links.put(SharedLink.key(link), value, Optional.of(deadline)));
  }

  /** Withdraws links from every member's view (a port went down, a cable moved). */
  void withdraw(Collection<Link> gone) {
    gone.forEach(l -> writes.submit("withdraw " + l, () -> links.remove(SharedLink.key(l))));
  }

  /** Hands a probe another member signed to it; the receipt lives until {@code deadline}. */
  void postReceipt(byte[] frame, int payloadOffset, SwitchPort to, boolean toFacesHosts, Instant deadline) {
    ProbeReceipt receipt = new ProbeReceipt(frame, payloadOffset, to.dpid().getLong(), to.port().getPortNumber(),
        toFacesHosts, self);
    String key = self + "/" + receiptSeq.incrementAndGet();
    writes.submit("hand on probe received at " + to, () -> receipts.put(key, receipt, Optional.of(deadline)));
  }

  /** Expires leases that passed (the memory store's job; etcd expires its own). */
  void expire(Instant now) {
    links.expire(now);
    receipts.expire(now);
  }

  void listen(StoreListener<String, SharedLink> onLinks, StoreListener<String, ProbeReceipt> onReceipts) {
    links.addListener(onLinks, known);
    receipts.addListener(onReceipts, receipts.revision());
  }

  void unlisten(StoreListener<String, SharedLink> onLinks, StoreListener<String, ProbeReceipt> onReceipts) {
    links.removeListener(onLinks);
    receipts.removeListener(onReceipts);
  }

  /** The links every member published, for a member that joins (or restarts) after they were. */
  Collection<SharedLink> current() {
    known = links.revision();
    return links.all().values().stream().map(v -> v.value()).toList();
  }
}
