package org.netservof.rest.floodlight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.projectfloodlight.openflow.protocol.OFActionType;
import org.projectfloodlight.openflow.protocol.OFCapabilities;
import org.projectfloodlight.openflow.protocol.OFControllerRole;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFFlowModFlags;
import org.projectfloodlight.openflow.protocol.OFFlowStatsEntry;
import org.projectfloodlight.openflow.protocol.OFGroupType;
import org.projectfloodlight.openflow.protocol.OFPortConfig;
import org.projectfloodlight.openflow.protocol.OFPortDesc;
import org.projectfloodlight.openflow.protocol.OFPortFeatures;
import org.projectfloodlight.openflow.protocol.OFPortState;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.protocol.match.MatchField;
import org.projectfloodlight.openflow.types.DatapathId;
import org.projectfloodlight.openflow.types.EthType;
import org.projectfloodlight.openflow.types.MacAddress;
import org.projectfloodlight.openflow.types.OFGroup;
import org.projectfloodlight.openflow.types.OFPort;
import org.projectfloodlight.openflow.types.TableId;
import org.projectfloodlight.openflow.types.U64;

class StatsJsonTest {
  private final OFFactory f13 = OFFactories.getFactory(OFVersion.OF_13);
  private final OFFactory f10 = OFFactories.getFactory(OFVersion.OF_10);

  @Test
  void anOpenFlow13FlowEntryHasFloodlightsFieldsWithCountsAsStrings() {
    OFFlowStatsEntry e = f13.buildFlowStatsEntry()
        .setCookie(U64.of(0x20000000000000L)).setTableId(TableId.of(0))
        .setPacketCount(U64.of(2)).setByteCount(U64.of(196)).setDurationSec(3).setDurationNsec(45_000_000)
        .setPriority(40000).setIdleTimeout(5).setHardTimeout(0).setFlags(Set.of(OFFlowModFlags.SEND_FLOW_REM))
        .setMatch(f13.buildMatch().setExact(MatchField.IN_PORT, OFPort.of(1))
            .setExact(MatchField.ETH_TYPE, EthType.ARP).build())
        .setInstructions(List.of(f13.instructions().applyActions(List.of(f13.actions().output(OFPort.of(3), 0)))))
        .build();

    Map<String, Object> json = FlowStatsJson.entry(e);

    assertThat(json).containsExactly(entry("version", "OF_13"), entry("cookie", "9007199254740992"),
        entry("table_id", "0x0"), entry("packet_count", "2"), entry("byte_count", "196"),
        entry("duration_sec", "3"), entry("duration_nsec", "45000000"), entry("priority", "40000"),
        entry("idle_timeout_s", "5"), entry("hard_timeout_s", "0"), entry("flags", List.of("SEND_FLOW_REM")),
        entry("match", Map.of("in_port", "1", "eth_type", "0x806")),
        entry("instructions", Map.of("instruction_apply_actions", Map.of("actions", "output=3"))));
  }

  @Test
  void aCookieWithTheTopBitSetIsUnsigned() {
    assertThat(FlowStatsJson.unsigned(U64.of(0xff00000000000001L))).isEqualTo("18374686479671623681");
  }

  @Test
  void anOpenFlow10FlowEntryHasActionsAndNoFlags() {
    OFFlowStatsEntry e = f10.buildFlowStatsEntry().setTableId(TableId.of(0)).setMatch(f10.matchWildcardAll())
        .setActions(List.of(f10.actions().output(OFPort.CONTROLLER, 0xffff))).build();

    Map<String, Object> json = FlowStatsJson.entry(e);

    assertThat(json).doesNotContainKeys("flags", "instructions")
        .containsEntry("actions", Map.of("actions", "output=controller")).containsEntry("match", Map.of())
        .containsEntry("version", "OF_10");
  }

  @Test
  void portDescriptionsListEnumNamesAndSpeedsOnlyWhereTheVersionHasThem() {
    OFPortDesc p13 = f13.buildPortDesc().setPortNo(OFPort.LOCAL).setHwAddr(MacAddress.of("8a:cd:8d:35:4c:48"))
        .setName("fl1").setConfig(Set.of(OFPortConfig.PORT_DOWN)).setState(Set.of(OFPortState.LINK_DOWN))
        .setCurr(Set.of(OFPortFeatures.PF_10GB_FD, OFPortFeatures.PF_COPPER)).setCurrSpeed(10_000_000).build();
    OFPortDesc p10 = f10.buildPortDesc().setPortNo(OFPort.of(1)).setHwAddr(MacAddress.of("00:00:00:00:00:01"))
        .setName("p1").build();

    assertThat(SwitchStatsJson.portDesc(p13)).containsExactly(entry("port_number", "local"),
        entry("hardware_address", "8a:cd:8d:35:4c:48"), entry("name", "fl1"), entry("config", List.of("PORT_DOWN")),
        entry("state", List.of("LINK_DOWN")), entry("current_features", List.of("PF_10GB_FD", "PF_COPPER")),
        entry("advertised_features", List.of()), entry("supported_features", List.of()),
        entry("peer_features", List.of()), entry("curr_speed", "10000000"), entry("max_speed", "0"));
    assertThat(SwitchStatsJson.portDesc(p10)).doesNotContainKeys("curr_speed", "max_speed")
        .containsEntry("port_number", "1");
  }

  @Test
  void portStatsHaveDurationsFromOpenFlow13() {
    var reply13 = f13.buildPortStatsReply().setEntries(List.of(f13.buildPortStatsEntry().setPortNo(OFPort.of(1))
        .setTxDropped(U64.of(6)).setDurationSec(4).build())).build();
    var reply10 = f10.buildPortStatsReply().setEntries(List.of(f10.buildPortStatsEntry().setPortNo(OFPort.of(1))
        .build())).build();

    @SuppressWarnings("unchecked")
    var port13 = ((List<Map<String, Object>>) ((List<Map<String, Object>>) SwitchStatsJson.ports(List.of(reply13))
        .get("port_reply")).get(0).get("port")).get(0);
    @SuppressWarnings("unchecked")
    var port10 = ((List<Map<String, Object>>) ((List<Map<String, Object>>) SwitchStatsJson.ports(List.of(reply10))
        .get("port_reply")).get(0).get("port")).get(0);

    assertThat(port13).containsEntry("transmit_dropped", "6").containsEntry("duration_sec", "4")
        .containsEntry("receive_CRC_errors", "0").hasSize(15);
    assertThat(port10).doesNotContainKeys("duration_sec", "duration_nsec").hasSize(13);
  }

  @Test
  void groupDescriptionsWriteTheWatchPortAsANumberAndTheWatchGroupByName() {
    var reply = f13.buildGroupDescStatsReply().setEntries(List.of(f13.buildGroupDescStatsEntry()
        .setGroup(OFGroup.of(1)).setGroupType(OFGroupType.SELECT).setBuckets(List.of(f13.buildBucket()
            .setWeight(1).setWatchPort(OFPort.ANY).setWatchGroup(OFGroup.ANY)
            .setActions(List.of(f13.actions().output(OFPort.of(2), 0))).build())).build())).build();

    assertThat(SwitchStatsJson.groupDescs(List.of(reply))).isEqualTo(Map.of("version", "OF_13", "group_desc",
        List.of(Map.of("group_type", "SELECT", "group_number", "1", "buckets", List.of(Map.of("weight", "1",
            "watch_port", "-1", "watch_group", "any", "actions", "output=2"))))));
  }

  @Test
  void groupStatsCountBuckets() {
    var reply = f13.buildGroupStatsReply().setEntries(List.of(f13.buildGroupStatsEntry().setGroup(OFGroup.of(1))
        .setRefCount(1).setPacketCount(U64.of(2)).setByteCount(U64.of(196)).setDurationSec(3)
        .setBucketStats(List.of(f13.buildBucketCounter().setPacketCount(U64.of(2)).setByteCount(U64.of(196))
            .build())).build())).build();

    assertThat(SwitchStatsJson.groups(List.of(reply))).isEqualTo(Map.of("version", "OF_13", "group",
        List.of(Map.of("group_number", "1", "reference_count", "1", "packet_count", "2", "byte_count", "196",
            "bucket_counters", List.of(Map.of("packet_count", "2", "byte_count", "196")),
            "duration_sec", "3", "duration_nsec", "0"))));
  }

  @Test
  void featuresWriteCapabilitiesAsOneStringAndPortsAndActionsOnlyOnOpenFlow10() {
    var f = f13.buildFeaturesReply().setDatapathId(DatapathId.of(1)).setNTables((short) 254)
        .setCapabilities(Set.of(OFCapabilities.FLOW_STATS)).build();
    assertThat(SwitchStatsJson.features(f)).containsExactly(entry("capabilities", "[FLOW_STATS]"),
        entry("dpid", "00:00:00:00:00:00:00:01"), entry("buffers", "0"), entry("tables", "254"),
        entry("version", "OF_13"));

    var old = f10.buildFeaturesReply().setDatapathId(DatapathId.of(1)).setActions(Set.of(OFActionType.OUTPUT))
        .setPorts(List.of(f10.buildPortDesc().setPortNo(OFPort.of(1)).setName("p1")
            .setHwAddr(MacAddress.of("00:00:00:00:00:01")).build())).build();
    assertThat(SwitchStatsJson.features(old)).containsEntry("actions", "[OUTPUT]").containsKey("port_desc");
  }

  @Test
  void tablesAndAggregate() {
    var tables = f13.buildTableStatsReply().setEntries(List.of(f13.buildTableStatsEntry().setTableId(TableId.of(10))
        .setActiveCount(17).setLookupCount(U64.of(78)).setMatchedCount(U64.of(75)).build())).build();
    assertThat(SwitchStatsJson.tables(List.of(tables))).isEqualTo(Map.of("version", "OF_13", "table",
        List.of(Map.of("table_id", "0xa", "active_count", "17", "lookup_count", "78", "match_count", "75"))));

    var aggregate = f13.buildAggregateStatsReply().setFlowCount(17).setPacketCount(U64.of(75))
        .setByteCount(U64.of(6435)).build();
    assertThat(SwitchStatsJson.aggregate(List.of(aggregate))).isEqualTo(Map.of("aggregate", Map.of(
        "version", "OF_13", "flow_count", "17", "packet_count", "75", "byte_count", "6435", "flags", List.of())));
  }

  @Test
  void rolesLoseTheirPrefixAndNoGrantedRoleIsEqual() {
    assertThat(SwitchStatsJson.role(Optional.of(OFControllerRole.ROLE_MASTER))).isEqualTo("MASTER");
    assertThat(SwitchStatsJson.role(Optional.of(OFControllerRole.ROLE_SLAVE))).isEqualTo("SLAVE");
    assertThat(SwitchStatsJson.role(Optional.empty())).isEqualTo("EQUAL");
  }
}
