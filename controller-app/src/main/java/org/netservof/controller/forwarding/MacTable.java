package org.netservof.controller.forwarding;

import com.google.common.base.Ticker;
import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.projectfloodlight.openflow.types.DatapathId;
import org.projectfloodlight.openflow.types.MacAddress;
import org.projectfloodlight.openflow.types.OFPort;

/** Where each address was last seen, per switch; entries age out. Thread-safe. */
final class MacTable {
  private final Map<DatapathId, Cache<MacAddress, OFPort>> tables = new ConcurrentHashMap<>();
  private final Duration aging;
  private final int size;
  private final Ticker ticker;

  MacTable(Duration aging, int size, Clock clock) {
    this.aging = aging;
    this.size = size;
    this.ticker = new Ticker() {
      @Override
      public long read() {
        return clock.millis() * 1_000_000L;
      }
    };
  }

  /**
   * Records that {@code mac} was seen on {@code port}.
   *
   * @return the port it was on before, when that was another port (the address moved)
   */
  Optional<OFPort> learn(DatapathId sw, MacAddress mac, OFPort port) {
    Cache<MacAddress, OFPort> table = tables.computeIfAbsent(sw, k -> CacheBuilder.newBuilder()
        .expireAfterWrite(aging).maximumSize(size).ticker(ticker).build());
    OFPort before = table.asMap().put(mac, port);
    return before != null && !before.equals(port) ? Optional.of(before) : Optional.empty();
  }

  Optional<OFPort> lookup(DatapathId sw, MacAddress mac) {
    Cache<MacAddress, OFPort> table = tables.get(sw);
    return table == null ? Optional.empty() : Optional.ofNullable(table.getIfPresent(mac));
  }

  void forgetPort(DatapathId sw, OFPort port) {
    Cache<MacAddress, OFPort> table = tables.get(sw);
    if (table != null) {
      table.asMap().values().removeIf(port::equals);
    }
  }

  void forgetSwitch(DatapathId sw) {
    tables.remove(sw);
  }
}
