package org.netservof.controller.topology;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.netservof.policy.fabric.SwitchPort;
import org.projectfloodlight.openflow.types.DatapathId;
import org.projectfloodlight.openflow.types.OFPort;

/**
 * The {@code topology} section of the configuration.
 *
 * @param quarantine a port that just appeared is neither an edge port nor a broadcast port for this long,
 *     so a link that discovery has not confirmed yet is never flooded into as if hosts lived there
 * @param linkWeights cost of the link leaving a port, keyed {@code DPID/PORT} (for example
 *     {@code 00:00:00:00:00:00:00:01/3: 10}); links not named cost 1, so paths are shortest by hop count
 * @param maxPaths most equal-cost paths kept per pair of switches
 */
public record TopologyConfig(Duration quarantine, Map<String, Long> linkWeights, int maxPaths) {
  public static final TopologyConfig DEFAULTS = new TopologyConfig(Duration.ofMillis(500), Map.of(), 16);

  public TopologyConfig {
    Objects.requireNonNull(quarantine, "quarantine");
    if (quarantine.isNegative()) {
      throw new IllegalArgumentException("quarantine must not be negative, was " + quarantine);
    }
    linkWeights = Map.copyOf(Objects.requireNonNull(linkWeights, "link-weights"));
    for (Map.Entry<String, Long> e : linkWeights.entrySet()) {
      parsePort(e.getKey());
      if (e.getValue() == null || e.getValue() < 1) {
        throw new IllegalArgumentException("link-weights: weight of " + e.getKey() + " must be at least 1");
      }
    }
    if (maxPaths < 1) {
      throw new IllegalArgumentException("max-paths must be at least 1, was " + maxPaths);
    }
  }

  /** The weights by port. */
  public Map<SwitchPort, Long> weightsByPort() {
    return linkWeights.entrySet().stream().collect(java.util.stream.Collectors.toMap(
        e -> parsePort(e.getKey()), Map.Entry::getValue));
  }

  private static SwitchPort parsePort(String text) {
    int slash = text.lastIndexOf('/');
    if (slash < 0) {
      throw new IllegalArgumentException("link-weights: '" + text + "' is not DPID/PORT");
    }
    try {
      return new SwitchPort(DatapathId.of(text.substring(0, slash)),
          OFPort.of(Integer.parseInt(text.substring(slash + 1))));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("link-weights: '" + text + "' is not DPID/PORT: " + e.getMessage());
    }
  }
}
