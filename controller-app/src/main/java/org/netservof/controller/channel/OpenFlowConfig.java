package org.netservof.controller.channel;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.projectfloodlight.openflow.protocol.OFControllerRole;
import org.projectfloodlight.openflow.protocol.OFVersion;

/**
 * The {@code openflow} section of the configuration: how the controller talks to switches.
 *
 * @param versions OpenFlow versions offered in HELLO; the highest one the switch shares is used
 * @param handshakeTimeout a switch that has not finished the handshake by then is disconnected
 * @param echoInterval an ECHO_REQUEST is sent after this long without hearing from the switch
 * @param echoTimeout a switch silent this long is disconnected; more than {@code echoInterval}
 * @param requestTimeout a request (stats, barrier, role) not answered by then fails
 * @param missSendLen bytes of a table-miss packet sent to the controller; 65535 sends whole packets
 * @param role role asked for on OpenFlow 1.3+: {@code equal}, {@code master}, or {@code none} to not ask
 * @param writeBatch writes are flushed at the latest after this many, or when a read burst ends
 * @param errorWindow how many recently written messages per switch are remembered to explain errors
 * @param ioThreads Netty I/O threads for switch connections; 0 means one per core the process may run on
 */
public record OpenFlowConfig(List<String> versions, Duration handshakeTimeout, Duration echoInterval,
    Duration echoTimeout, Duration requestTimeout, int missSendLen, String role, int writeBatch,
    int errorWindow, int ioThreads) {

  private static final Map<String, OFVersion> VERSION_NAMES = Map.of(
      "1.0", OFVersion.OF_10, "1.1", OFVersion.OF_11, "1.2", OFVersion.OF_12,
      "1.3", OFVersion.OF_13, "1.4", OFVersion.OF_14, "1.5", OFVersion.OF_15);

  public static final OpenFlowConfig DEFAULTS = new OpenFlowConfig(List.of("1.0", "1.3"),
      Duration.ofSeconds(10), Duration.ofSeconds(5), Duration.ofSeconds(15), Duration.ofSeconds(10),
      65535, "equal", 256, 1024, 0);

  public OpenFlowConfig {
    Objects.requireNonNull(versions, "versions");
    if (versions.isEmpty()) {
      throw new IllegalArgumentException("versions must name at least one OpenFlow version");
    }
    for (String v : versions) {
      if (!VERSION_NAMES.containsKey(v)) {
        throw new IllegalArgumentException("version '" + v + "' is not one of 1.0, 1.1, 1.2, 1.3, 1.4, 1.5");
      }
    }
    versions = List.copyOf(versions);
    requirePositive("handshake-timeout", handshakeTimeout);
    requirePositive("echo-interval", echoInterval);
    requirePositive("echo-timeout", echoTimeout);
    requirePositive("request-timeout", requestTimeout);
    if (echoTimeout.compareTo(echoInterval) <= 0) {
      throw new IllegalArgumentException("echo-timeout (" + echoTimeout + ") must be longer than echo-interval ("
          + echoInterval + ")");
    }
    if (missSendLen < 0 || missSendLen > 0xffff) {
      throw new IllegalArgumentException("miss-send-len must be in 0..65535, was " + missSendLen);
    }
    Objects.requireNonNull(role, "role");
    if (!List.of("equal", "master", "none").contains(role)) {
      throw new IllegalArgumentException("role must be equal, master or none, was '" + role + "'");
    }
    if (writeBatch < 1) {
      throw new IllegalArgumentException("write-batch must be at least 1, was " + writeBatch);
    }
    if (errorWindow < 0) {
      throw new IllegalArgumentException("error-window must not be negative, was " + errorWindow);
    }
    if (ioThreads < 0) {
      throw new IllegalArgumentException("io-threads must not be negative, was " + ioThreads);
    }
  }

  /** The offered versions as Loxi constants, lowest first. */
  public List<OFVersion> ofVersions() {
    return versions.stream().map(VERSION_NAMES::get).sorted().distinct().toList();
  }

  /** The role to request, if any. */
  public Optional<OFControllerRole> controllerRole() {
    return switch (role) {
      case "master" -> Optional.of(OFControllerRole.ROLE_MASTER);
      case "equal" -> Optional.of(OFControllerRole.ROLE_EQUAL);
      default -> Optional.empty();
    };
  }

  private static void requirePositive(String name, Duration d) {
    Objects.requireNonNull(d, name);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, was " + d);
    }
  }
}
