package org.netservof.bridge.signaling;

import java.time.Duration;
import java.util.Objects;
import org.netservof.bridge.api.SteeringMode;
import org.netservof.protocol.Names;

/**
 * The {@code signaling} section of the configuration.
 *
 * @param domain this controller's name in response stacks
 * @param pool the node pool SETUPs install on (a {@code node-id} header narrows it to one node)
 * @param mode how signaled services are steered: {@code reactive} (the thesis's) or {@code proactive}
 * @param downstreamTimeout how long a domain waits, after passing a request on, for a domain further along to
 *     answer or for the destination's ICMP port-unreachable; with neither it answers as the last domain. A
 *     domain further along answers only once its own install is done (a container JVM starts in about a
 *     second), so this is generous; the ICMP answer normally ends the wait within milliseconds
 * @param timestampWindow a request whose timestamp is further than this from the controller's clock is refused
 * @param maxPending requests passed on and waiting for an answer from further along, all users together; a
 *     verified request beyond it is refused (503) rather than pushing out one already promised an answer
 * @param maxNoncesPerUser nonces remembered per user; a nonce is kept only while its timestamp is inside the
 *     window (a replay after that is refused by its timestamp), so this caps a user's requests per window, and
 *     a request beyond it is refused (429): forgetting a nonce early would let it be replayed
 */
public record SignalingConfig(String domain, String pool, String mode, Duration downstreamTimeout,
    Duration timestampWindow, int maxPending, int maxNoncesPerUser) {
  public static final SignalingConfig DEFAULTS = new SignalingConfig("netserv", "default", "reactive",
      Duration.ofSeconds(10), Duration.ofSeconds(60), 1024, 10_000);

  public SignalingConfig {
    Objects.requireNonNull(domain, "domain");
    if (!Names.isName(domain)) {
      throw new IllegalArgumentException("domain must be " + Names.NAME_RULE + ", was '" + domain + "'");
    }
    Objects.requireNonNull(pool, "pool");
    steeringMode(mode);
    if (downstreamTimeout == null || downstreamTimeout.toMillis() < 100) {
      throw new IllegalArgumentException("downstream-timeout must be at least 100ms, was " + downstreamTimeout);
    }
    if (timestampWindow == null || timestampWindow.getSeconds() < 1) {
      throw new IllegalArgumentException("timestamp-window must be at least 1s, was " + timestampWindow);
    }
    if (maxPending < 1 || maxNoncesPerUser < 1) {
      throw new IllegalArgumentException("max-pending and max-nonces-per-user must be at least 1, were "
          + maxPending + " and " + maxNoncesPerUser);
    }
  }

  SteeringMode steeringMode() {
    return steeringMode(mode);
  }

  private static SteeringMode steeringMode(String mode) {
    if ("reactive".equals(mode)) {
      return SteeringMode.REACTIVE;
    }
    if ("proactive".equals(mode)) {
      return SteeringMode.PROACTIVE;
    }
    throw new IllegalArgumentException("mode must be reactive or proactive, was '" + mode + "'");
  }
}
