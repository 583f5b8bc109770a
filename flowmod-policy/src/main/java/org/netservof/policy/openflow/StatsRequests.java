package org.netservof.policy.openflow;

import org.projectfloodlight.openflow.protocol.OFAggregateStatsRequest;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFFlowStatsRequest;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.protocol.match.Match;
import org.projectfloodlight.openflow.types.OFGroup;
import org.projectfloodlight.openflow.types.OFPort;
import org.projectfloodlight.openflow.types.TableId;
import org.projectfloodlight.openflow.types.U64;

/**
 * Statistics requests with every filter set explicitly. Loxi's defaults (table 0, out group 0 on 1.3)
 * silently select nothing on Open vSwitch; these select what they say.
 */
public final class StatsRequests {
  private StatsRequests() {}

  /** Every entry of every table. */
  public static OFFlowStatsRequest allFlows(OFFactory factory) {
    return flows(factory, factory.matchWildcardAll(), U64.ZERO, U64.ZERO);
  }

  /** Entries matching {@code match} (non-strictly) whose cookie equals {@code cookie} under {@code mask}. */
  public static OFFlowStatsRequest flows(OFFactory factory, Match match, U64 cookie, U64 mask) {
    OFFlowStatsRequest.Builder b = factory.buildFlowStatsRequest().setMatch(match).setOutPort(OFPort.ANY)
        .setTableId(TableId.ALL);
    if (factory.getVersion() != OFVersion.OF_10) {
      b.setOutGroup(OFGroup.ANY).setCookie(cookie).setCookieMask(mask);
    }
    return b.build();
  }

  /** Packet, byte and flow counts over every entry of every table. */
  public static OFAggregateStatsRequest aggregateAll(OFFactory factory) {
    OFAggregateStatsRequest.Builder b = factory.buildAggregateStatsRequest().setMatch(factory.matchWildcardAll())
        .setOutPort(OFPort.ANY).setTableId(TableId.ALL);
    if (factory.getVersion() != OFVersion.OF_10) {
      b.setOutGroup(OFGroup.ANY).setCookie(U64.ZERO).setCookieMask(U64.ZERO);
    }
    return b.build();
  }
}
