package org.netservof.controller.api.fabric;

import java.util.Map;
import java.util.Set;
import org.netservof.controller.api.ListenerService;
import org.netservof.policy.fabric.Link;
import org.netservof.policy.fabric.SwitchPort;

/** The directed links between switches that discovery has verified. */
public interface LinkService extends ListenerService<LinkListener> {

  /** Every live directed link; a cable appears twice, once per direction. */
  Set<Link> links();

  /** Every live link with its first and last sighting and latency. */
  Map<Link, LinkInfo> linkInfo();

  /** Whether a link starts or ends at the port. */
  boolean isLinkPort(SwitchPort port);

  /**
   * How many received probes failed verification (forged, replayed, back too late, for an unknown switch, or
   * refused at a host-facing port).
   */
  long rejectedProbes();

  /** Probes sent, rejected, replayed and refused at host-facing ports, since the start. */
  ProbeCounts probeCounts();
}
