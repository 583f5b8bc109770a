package org.netservof.bridge.steering;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;
import org.netservof.bridge.api.ContainerView;
import org.netservof.bridge.api.NodeView;

/**
 * What the node agents report of each user's container in their heartbeats, as Prometheus reads it: the last
 * reported values, read from the current snapshot when scraped. {@code netserv_node_container_packets_in_total},
 * {@code ..._packets_out_total}, {@code ..._link_down_drops_total} (counters; they start again from zero when the
 * agent restarts, which Prometheus's rate() takes as a reset) and {@code netserv_node_container_memory_bytes}
 * (a gauge), each by {@code node} and {@code user}. A container that appears gets its meters at the next
 * {@link #refresh}, one that goes loses them there.
 */
final class NodeCounters {
  private record Key(String node, String user) {}

  private final MeterRegistry registry;
  private final Supplier<Snapshot> snapshot;
  /** The last values each container reported, kept when its node's report drops out until the next refresh. */
  private final Map<Key, ContainerView> last = new ConcurrentHashMap<>();
  private final Map<Key, List<Meter>> meters = new ConcurrentHashMap<>();

  NodeCounters(MeterRegistry registry, Supplier<Snapshot> snapshot) {
    this.registry = registry;
    this.snapshot = snapshot;
  }

  /** Registers the meters of containers that appeared, removes those of containers that went. */
  void refresh() {
    Set<Key> present = new HashSet<>();
    for (NodeView n : snapshot.get().nodes().values()) {
      for (ContainerView c : n.agent().map(a -> a.containers()).orElse(List.of())) {
        Key key = new Key(n.id(), c.user());
        present.add(key);
        last.put(key, c);
        meters.computeIfAbsent(key, this::register);
      }
    }
    for (Key gone : Set.copyOf(meters.keySet())) {
      if (!present.contains(gone)) {
        meters.remove(gone).forEach(registry::remove);
        last.remove(gone);
      }
    }
  }

  private List<Meter> register(Key key) {
    return List.of(
        counter(key, "netserv.node.container.packets.in", "Packets the node handed the user's container",
            ContainerView::packetsIn),
        counter(key, "netserv.node.container.packets.out", "Packets the user's container sent back to the switch",
            ContainerView::packetsOut),
        counter(key, "netserv.node.container.link.down.drops", "Packets the container's node dropped while its "
            + "link was down", ContainerView::linkDownDrops),
        Gauge.builder("netserv.node.container.memory", () -> value(key, ContainerView::memoryKb) * 1024)
            .description("The container's resident memory, as its agent last reported it").baseUnit("bytes")
            .tags("node", key.node(), "user", key.user()).register(registry));
  }

  private FunctionCounter counter(Key key, String name, String description, ToLongFunction<ContainerView> field) {
    return FunctionCounter.builder(name, this, self -> self.value(key, field)).description(description + ", as "
        + "its agent last reported it").tags("node", key.node(), "user", key.user()).register(registry);
  }

  /** The field as the agent reports it now, or as it last reported it if its report is gone meanwhile. */
  private double value(Key key, ToLongFunction<ContainerView> field) {
    Optional<ContainerView> now = Optional.ofNullable(snapshot.get().nodes().get(key.node()))
        .flatMap(NodeView::agent).flatMap(a -> a.containers().stream().filter(c -> c.user().equals(key.user()))
            .findFirst());
    return now.or(() -> Optional.ofNullable(last.get(key))).map(field::applyAsLong).orElse(0L);
  }
}
