package org.netservof.bridge.steering;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.netservof.policy.filter.PortRange;

/**
 * The {@code steering} section of the configuration.
 *
 * @param marks the VLAN ids steering may use as node marks, {@code LOW-HIGH}; node N gets LOW + N - 1
 * @param flowIdleTimeout a reactive per-flow entry goes after this long without packets (whole seconds)
 * @param proactivePlacement how proactive services spread flows on OpenFlow 1.1+ switches: {@code group}
 *     (a SELECT group, the switch hashes), {@code split} (plain matches on source-port or source-address
 *     bits, assigned to nodes by rendezvous hashing), or {@code auto}: split on Open vSwitch, whose SELECT
 *     groups hash UDP flows by address only and move other nodes' flows when a bucket goes (measured on
 *     OVS 3.1: 114 of 200 surviving flows moved), groups on other switches
 * @param splitBits {@code split} cuts the flow space into 2^bits slots: 2^bits entries per edge port per
 *     filter match, and a balance within about 10% with 8 bits
 * @param reconcileInterval how often every switch's steering entries, groups and meters are read back and
 *     repaired against intent (switches are also audited when they connect)
 * @param nodes nodes to add at start-up, for fabrics whose nodes do not register themselves
 * @param maxFlowEntries at most this many reactive per-flow entries are tracked (and so written) at once, over all
 *     switches; beyond that a new flow of a reactive service goes its normal way unsteered, counted and logged,
 *     so a spray of new flows cannot grow the controller's memory (each entry leaves when the switch reports it
 *     idle, or with its switch)
 */
public record SteeringConfig(String marks, Duration flowIdleTimeout, String proactivePlacement, int splitBits,
    Duration reconcileInterval, List<NodeConfig> nodes, int maxFlowEntries) {
  public static final SteeringConfig DEFAULTS = new SteeringConfig("3000-3999", Duration.ofSeconds(30), "auto", 8,
      Duration.ofSeconds(30), List.of(), 100_000);

  /**
   * A node given in the configuration.
   *
   * @param dpid the switch, as {@code 00:00:00:00:00:00:00:01}
   */
  public record NodeConfig(String id, String pool, String dpid, int port, String mac, int weight) {}

  public SteeringConfig {
    PortRange range = markRange(Objects.requireNonNull(marks, "marks"));
    if (range.low() < 1 || range.high() > 4094) {
      throw new IllegalArgumentException("marks must be VLAN ids within 1-4094, was " + marks);
    }
    Objects.requireNonNull(flowIdleTimeout, "flow-idle-timeout");
    if (flowIdleTimeout.toMillis() % 1000 != 0 || flowIdleTimeout.getSeconds() < 1
        || flowIdleTimeout.getSeconds() > 0xffff) {
      throw new IllegalArgumentException("flow-idle-timeout must be whole seconds in 1..65535, was " + flowIdleTimeout);
    }
    if (!List.of("auto", "group", "split").contains(proactivePlacement)) {
      throw new IllegalArgumentException("proactive-placement must be auto, group or split, was '"
          + proactivePlacement + "'");
    }
    if (splitBits < 0 || splitBits > 8) {
      throw new IllegalArgumentException("split-bits must be in 0..8, was " + splitBits);
    }
    Objects.requireNonNull(reconcileInterval, "reconcile-interval");
    if (reconcileInterval.toMillis() < 100) {
      throw new IllegalArgumentException("reconcile-interval must be at least 100ms, was " + reconcileInterval);
    }
    nodes = List.copyOf(Objects.requireNonNull(nodes, "nodes"));
    if (maxFlowEntries < 1) {
      throw new IllegalArgumentException("max-flow-entries must be at least 1, was " + maxFlowEntries);
    }
  }

  PortRange markRange() {
    return markRange(marks);
  }

  private static PortRange markRange(String text) {
    try {
      return PortRange.parse(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("marks '" + text + "' is not a range of VLAN ids like 3000-3999");
    }
  }
}
