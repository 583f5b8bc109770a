package org.netservof.bridge.nodes;

import java.time.Duration;
import java.util.Objects;

/**
 * The {@code node-channel} section of the configuration: the timing of the node channel.
 *
 * @param heartbeat how often nodes send heartbeats (the controller tells each node when it registers)
 * @param deadAfter a node silent this long is unhealthy, its channel closed, and its flows moved
 * @param helloTimeout how long a registering node has to get its hello frame to the controller through the
 *     switch port it claims
 */
public record NodeChannelConfig(Duration heartbeat, Duration deadAfter, Duration helloTimeout) {
  public static final NodeChannelConfig DEFAULTS = new NodeChannelConfig(Duration.ofSeconds(1), Duration.ofSeconds(3),
      Duration.ofSeconds(5));

  public NodeChannelConfig {
    Objects.requireNonNull(heartbeat, "heartbeat");
    Objects.requireNonNull(deadAfter, "dead-after");
    Objects.requireNonNull(helloTimeout, "hello-timeout");
    if (heartbeat.toMillis() < 100) {
      throw new IllegalArgumentException("heartbeat must be at least 100ms, was " + heartbeat);
    }
    if (deadAfter.compareTo(heartbeat.multipliedBy(2)) < 0) {
      throw new IllegalArgumentException("dead-after must be at least two heartbeats (" + heartbeat.multipliedBy(2)
          + "), was " + deadAfter);
    }
    if (helloTimeout.toMillis() < 1000) {
      throw new IllegalArgumentException("hello-timeout must be at least 1s (the node sends one hello a second), was "
          + helloTimeout);
    }
  }
}
