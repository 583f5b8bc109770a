package org.netservof.controller.api.fabric;

import java.util.Objects;
import org.netservof.policy.fabric.Link;
import org.netservof.policy.fabric.SwitchPort;

/**
 * A genuine probe of ours that discovery would have turned into a link, and refused: one end of that link is
 * a port where hosts live, so the probe can only have got there through a host (TopoGuard's rule: a
 * host-facing port is an edge port, never a link port). Two hosts that pass each other the probes they
 * receive produce one refusal per direction and probe.
 *
 * @param link the link the probe claimed
 * @param hostPort the end of it where hosts live
 * @param reason what was seen, for operators
 */
public record LinkRefusal(Link link, SwitchPort hostPort, String reason) {
  public LinkRefusal {
    Objects.requireNonNull(link, "link");
    Objects.requireNonNull(hostPort, "hostPort");
    Objects.requireNonNull(reason, "reason");
  }
}
