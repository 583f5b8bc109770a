package org.netservof.controller.api.statistics;

import java.util.List;
import java.util.Optional;
import org.projectfloodlight.openflow.types.DatapathId;
import org.projectfloodlight.openflow.types.OFPort;

/** What the statistics collector has measured. Safe from any thread; never blocks on a switch. */
public interface StatisticsService {

  /** Whether the collector reads port counters now. */
  boolean collecting();

  /**
   * Every port's bandwidth, ordered by DPID then port. A port appears once its counters were read twice
   * while collecting; none appear while collection is off.
   */
  List<PortBandwidth> bandwidth();

  /** One port's bandwidth; empty before its second read, while collection is off, or for an unknown port. */
  Optional<PortBandwidth> bandwidth(DatapathId dpid, OFPort port);
}
