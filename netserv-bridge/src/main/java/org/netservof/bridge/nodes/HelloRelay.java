package org.netservof.bridge.nodes;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.netservof.bridge.api.AwaitedHello;
import org.netservof.bridge.api.NodeSpec;
import org.netservof.controller.api.store.IntentStore;
import org.netservof.controller.api.store.StoreEvent;
import org.netservof.controller.api.store.StoreListener;
import org.netservof.controller.api.store.Versioned;
import org.netservof.policy.fabric.SwitchPort;
import org.projectfloodlight.openflow.types.MacAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hello frames across a controller cluster: only a switch's master hears its PacketIns, so a node registering
 * with another member would never have its hello seen there. The member the node registers with writes the
 * hello it awaits into the store; the member that receives the frame marks it seen (a read for any frame, a
 * write only for one that a registering node, which proved its token, is awaited to send); the awaiting member
 * hears the change and goes on. Thread-safe.
 */
final class HelloRelay implements StoreListener<String, AwaitedHello> {
  private static final Logger log = LoggerFactory.getLogger(HelloRelay.class);

  private final String self;
  private final IntentStore<String, AwaitedHello> store;
  private final Clock clock;
  private volatile PendingHellos local;

  HelloRelay(String self, IntentStore<String, AwaitedHello> store, Clock clock) {
    this.self = self;
    this.store = store;
    this.clock = clock;
  }

  /** Starts relaying the hellos {@code awaitedHere} waits for, and those it does not. */
  void start(PendingHellos awaitedHere) {
    local = awaitedHere;
    awaitedHere.relayThrough(this);
    store.addListener(this, store.revision());
  }

  void stop() {
    store.removeListener(this);
  }

  /** This member awaits a node's hello for {@code within}. */
  void awaiting(String nonce, NodeSpec spec, Duration within) {
    store.put(nonce, new AwaitedHello(self, spec.attachment(), spec.mac(), false),
        Optional.of(clock.instant().plus(within)));
  }

  /** This member awaits the hello no more (seen, or the registration ended). */
  void forget(String nonce) {
    store.get(nonce).filter(v -> v.value().member().equals(self)).ifPresent(v -> store.remove(nonce, v.revision()));
  }

  /** A hello frame nobody here awaits: marked seen for the member that awaits it, if it came the right way. */
  void seenHere(String nonce, SwitchPort at, MacAddress source) {
    Optional<Versioned<AwaitedHello>> awaited = store.get(nonce).filter(v -> !v.value().seen()
        && !v.value().member().equals(self) && v.deadline().map(clock.instant()::isBefore).orElse(false));
    if (awaited.isEmpty()) {
      log.debug("hello frame from {} at {} with a nonce no member waits for", source, at);
      return;
    }
    AwaitedHello a = awaited.get().value();
    if (!a.at().equals(at) || !a.mac().equals(source)) {
      log.warn("a node registering with member {}: its hello frame came from {} through {}, but it says it is {} "
          + "at {}", a.member(), source, at, a.mac(), a.at());
      return;
    }
    store.compareAndSet(nonce, awaited.get().revision(), new AwaitedHello(a.member(), a.at(), a.mac(), true),
        awaited.get().deadline());
  }

  @Override
  public void changed(StoreEvent<String, AwaitedHello> event) {
    event.after().filter(a -> a.seen() && a.member().equals(self))
        .ifPresent(a -> local.seen(event.key(), a.at(), a.mac()));
  }
}
