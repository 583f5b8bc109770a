package org.netservof.controller.api;

import java.util.Objects;
import java.util.Optional;
import org.projectfloodlight.openflow.types.DatapathId;

/**
 * A connection that was not let be a switch: a TLS handshake that failed, a certificate for another DPID, a
 * DPID off the allow-list, or a newcomer claiming the DPID of a connected switch that still answers.
 *
 * @param dpid the DPID it claimed, when it got as far as FEATURES_REPLY
 * @param remote where it connected from
 * @param reason why it was refused, for operators
 */
public record SwitchRefusal(Optional<DatapathId> dpid, String remote, String reason) {
  public SwitchRefusal {
    Objects.requireNonNull(dpid, "dpid");
    Objects.requireNonNull(remote, "remote");
    Objects.requireNonNull(reason, "reason");
  }
}
