package org.netservof.rest.floodlight;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.netservof.controller.api.OFSwitch;
import org.netservof.policy.openflow.StatsRequests;
import org.projectfloodlight.openflow.protocol.OFAggregateStatsReply;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFFlowStatsReply;
import org.projectfloodlight.openflow.protocol.OFGroupDescStatsReply;
import org.projectfloodlight.openflow.protocol.OFGroupFeaturesStatsReply;
import org.projectfloodlight.openflow.protocol.OFGroupStatsReply;
import org.projectfloodlight.openflow.protocol.OFPortStatsReply;
import org.projectfloodlight.openflow.protocol.OFQueueStatsReply;
import org.projectfloodlight.openflow.protocol.OFStatsReply;
import org.projectfloodlight.openflow.protocol.OFTableStatsReply;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.types.OFGroup;
import org.projectfloodlight.openflow.types.OFPort;

/**
 * One switch's statistics in two steps, so a resource can send every request first (the {@code all} URLs fan
 * out) and wait afterwards: {@link #request} sends (the future completes on the switch's I/O thread, where
 * nothing else happens), {@link #toJson} builds Floodlight's body on the caller's thread. What the switch
 * told the controller at the handshake (description, features, ports, role) is answered from there.
 */
final class SwitchStats {
  private SwitchStats() {}

  /**
   * Sends the request the type needs, or completes at once with an empty list when the switch's cached
   * state answers it.
   *
   * @throws IllegalArgumentException when the switch's OpenFlow version has no such statistics (groups on 1.0)
   */
  static CompletableFuture<? extends List<? extends OFStatsReply>> request(OFSwitch sw, StatType type) {
    OFFactory f = sw.factory();
    if (type.needsGroups() && f.getVersion() == OFVersion.OF_10) {
      throw new IllegalArgumentException("switch " + sw.id() + " speaks OpenFlow 1.0, which has no groups: '"
          + type.path + "' needs OpenFlow 1.1 or later");
    }
    return switch (type) {
      case FLOW -> sw.stats(StatsRequests.allFlows(f));
      case PORT -> sw.stats(f.buildPortStatsRequest().setPortNo(OFPort.ANY).build());
      case AGGREGATE -> sw.stats(StatsRequests.aggregateAll(f));
      case GROUP -> sw.stats(f.buildGroupStatsRequest().setGroup(OFGroup.ALL).build());
      case GROUP_DESC -> sw.stats(f.buildGroupDescStatsRequest().build());
      case GROUP_FEATURES -> sw.stats(f.buildGroupFeaturesStatsRequest().build());
      // Every queue of every port: OpenFlow 1.0 names all ports ALL here, later versions ANY.
      case QUEUE -> sw.stats(f.buildQueueStatsRequest().setQueueId(QueueStatsJson.ALL_QUEUES)
          .setPortNo(f.getVersion() == OFVersion.OF_10 ? OFPort.ALL : OFPort.ANY).build());
      case TABLE -> sw.stats(f.buildTableStatsRequest().build());
      case PORT_DESC, DESC, FEATURES, ROLE -> CompletableFuture.completedFuture(List.of());
    };
  }

  /** Floodlight's body for the replies {@link #request} completed with. */
  @SuppressWarnings("unchecked")
  static Object toJson(OFSwitch sw, StatType type, List<? extends OFStatsReply> replies) {
    return switch (type) {
      case FLOW -> FlowStatsJson.flows((List<OFFlowStatsReply>) replies);
      case PORT -> SwitchStatsJson.ports((List<OFPortStatsReply>) replies);
      case AGGREGATE -> SwitchStatsJson.aggregate((List<OFAggregateStatsReply>) replies);
      case GROUP -> replies.isEmpty() ? Map.of("version", sw.factory().getVersion().name(), "group", List.of())
          : SwitchStatsJson.groups((List<OFGroupStatsReply>) replies);
      case GROUP_DESC -> replies.isEmpty()
          ? Map.of("version", sw.factory().getVersion().name(), "group_desc", List.of())
          : SwitchStatsJson.groupDescs((List<OFGroupDescStatsReply>) replies);
      case GROUP_FEATURES -> GroupFeaturesJson.of((List<OFGroupFeaturesStatsReply>) replies);
      case QUEUE -> QueueStatsJson.queues(sw.factory().getVersion(), (List<OFQueueStatsReply>) replies);
      case TABLE -> SwitchStatsJson.tables((List<OFTableStatsReply>) replies);
      case PORT_DESC -> SwitchStatsJson.portDesc(sw.factory().getVersion(), sw.ports());
      case DESC -> SwitchStatsJson.desc(sw.description());
      case FEATURES -> SwitchStatsJson.features(sw.features());
      case ROLE -> SwitchStatsJson.role(sw.role());
    };
  }
}
