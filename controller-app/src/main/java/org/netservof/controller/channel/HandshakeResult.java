package org.netservof.controller.channel;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.projectfloodlight.openflow.protocol.OFControllerRole;
import org.projectfloodlight.openflow.protocol.OFDescStatsReply;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFFeaturesReply;
import org.projectfloodlight.openflow.protocol.OFPortDesc;

/**
 * What the handshake learnt about a switch.
 *
 * @param factory the factory of the negotiated version
 * @param description what the switch says it is (manufacturer, hardware, software, serial)
 * @param ports the ports from FEATURES_REPLY (1.0) or the port description (1.3+)
 * @param role the role the switch granted; empty when not asked or refused
 * @param duration from TCP connect to the barrier reply that confirmed the table-miss entry
 * @param buffered messages the switch sent during the handshake that are not part of it, in order
 */
public record HandshakeResult(OFFactory factory, OFFeaturesReply features, OFDescStatsReply description,
    List<OFPortDesc> ports, Optional<OFControllerRole> role, Duration duration, List<Object> buffered) {
  public HandshakeResult {
    Objects.requireNonNull(factory, "factory");
    Objects.requireNonNull(features, "features");
    Objects.requireNonNull(description, "description");
    ports = List.copyOf(ports);
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(duration, "duration");
    buffered = List.copyOf(buffered);
  }
}
