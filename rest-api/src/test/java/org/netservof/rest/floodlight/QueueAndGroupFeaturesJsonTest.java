package org.netservof.rest.floodlight;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFGroupCapabilities;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.types.OFPort;
import org.projectfloodlight.openflow.types.U64;

class QueueAndGroupFeaturesJsonTest {
  private final OFFactory f13 = OFFactories.getFactory(OFVersion.OF_13);
  private final OFFactory f10 = OFFactories.getFactory(OFVersion.OF_10);

  @Test
  void groupFeaturesNameTheSupportedTypesFromTheBitmap() {
    var reply = f13.buildGroupFeaturesStatsReply().setTypes(0b1011).setMaxGroupsSelect(256)
        .setCapabilities(Set.of(OFGroupCapabilities.SELECT_WEIGHT)).build();

    Map<String, Object> body = GroupFeaturesJson.of(List.of(reply));

    assertThat(body).containsEntry("version", "OF_13");
    @SuppressWarnings("unchecked")
    Map<String, Object> features = (Map<String, Object>) body.get("group_features");
    assertThat(features).containsEntry("types", List.of("ALL", "SELECT", "FF"))
        .containsEntry("capabilities", List.of("SELECT_WEIGHT")).containsEntry("max_groups_select", "256")
        .containsEntry("max_groups_all", "0").containsKeys("actions_all", "actions_select", "actions_indirect",
            "actions_ff", "max_groups_indirect", "max_groups_ff");
  }

  @Test
  void queuesAreOneObjectEachWithCountsAsStringsAndNoDurationOnOpenFlow10() {
    var q13 = f13.buildQueueStatsReply().setEntries(List.of(f13.buildQueueStatsEntry().setPortNo(OFPort.of(2))
        .setQueueId(7).setTxBytes(U64.of(-1)).setTxPackets(U64.of(3)).setDurationSec(5).build())).build();
    var q10 = f10.buildQueueStatsReply().setEntries(List.of(f10.buildQueueStatsEntry().setPortNo(OFPort.of(1))
        .setQueueId(1).build())).build();

    List<?> queues13 = (List<?>) QueueStatsJson.queues(OFVersion.OF_13, List.of(q13)).get("queues");
    List<?> queues10 = (List<?>) QueueStatsJson.queues(OFVersion.OF_10, List.of(q10)).get("queues");

    assertThat(queues13).singleElement().isEqualTo(Map.of("port", "2", "queue_id", "7",
        "tx_bytes", "18446744073709551615", "tx_packets", "3", "tx_errors", "0", "duration_sec", "5",
        "duration_nsec", "0"));
    assertThat(queues10.get(0)).isEqualTo(Map.of("port", "1", "queue_id", "1", "tx_bytes", "0", "tx_packets", "0",
        "tx_errors", "0"));
  }

  @Test
  void aSwitchWithoutQueuesAnswersAnEmptyList() {
    assertThat(QueueStatsJson.queues(OFVersion.OF_13, List.of(f13.buildQueueStatsReply().build())))
        .isEqualTo(Map.of("version", "OF_13", "queues", List.of()));
  }
}
