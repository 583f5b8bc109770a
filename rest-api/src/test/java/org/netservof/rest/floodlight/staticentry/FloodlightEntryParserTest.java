package org.netservof.rest.floodlight.staticentry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.netservof.controller.api.staticentry.StaticEntry;
import org.netservof.policy.layout.Cookie;
import org.netservof.policy.layout.CookieOwner;
import org.netservof.rest.floodlight.syntax.ActionStrings;
import org.projectfloodlight.openflow.protocol.OFBucket;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFFlowAdd;
import org.projectfloodlight.openflow.protocol.OFGroupAdd;
import org.projectfloodlight.openflow.protocol.OFGroupType;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.protocol.action.OFAction;
import org.projectfloodlight.openflow.protocol.instruction.OFInstruction;
import org.projectfloodlight.openflow.protocol.instruction.OFInstructionApplyActions;
import org.projectfloodlight.openflow.protocol.instruction.OFInstructionGotoTable;
import org.projectfloodlight.openflow.protocol.instruction.OFInstructionWriteActions;
import org.projectfloodlight.openflow.protocol.match.MatchField;
import org.projectfloodlight.openflow.types.DatapathId;
import org.projectfloodlight.openflow.types.EthType;
import org.projectfloodlight.openflow.types.IPv4Address;
import org.projectfloodlight.openflow.types.IpProtocol;
import org.projectfloodlight.openflow.types.MacAddress;
import org.projectfloodlight.openflow.types.OFGroup;
import org.projectfloodlight.openflow.types.OFPort;
import org.projectfloodlight.openflow.types.TableId;
import org.projectfloodlight.openflow.types.TransportPort;
import org.projectfloodlight.openflow.types.U64;

class FloodlightEntryParserTest {
  private static final OFFactory OF13 = OFFactories.getFactory(OFVersion.OF_13);
  private static final OFFactory OF10 = OFFactories.getFactory(OFVersion.OF_10);
  private static final String SW = "00:00:00:00:00:00:00:01";

  /** Floodlight's documented example flow. */
  private static Map<String, String> flow(String... more) {
    List<String> pairs = new ArrayList<>(List.of("switch", SW, "name", "flow-1", "priority", "32768", "in_port", "1",
        "active", "true", "eth_type", "0x0800", "ipv4_dst", "10.0.0.2", "actions", "output=2"));
    pairs.addAll(java.util.Arrays.asList(more)); // a null value removes the key
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < pairs.size(); i += 2) {
      if (pairs.get(i + 1) == null) {
        m.remove(pairs.get(i));
      } else {
        m.put(pairs.get(i), pairs.get(i + 1));
      }
    }
    return m;
  }

  /** Parsed as a push does: for the switch's version, and for every other version the entry is valid in. */
  private static StaticEntry parse(Map<String, String> fields, OFFactory f) {
    StaticEntry entry = FloodlightEntryParser.parseForSwitch(new EntryRequest(fields, List.of()), f);
    assertThat(entry.add().getVersion()).isEqualTo(f.getVersion());
    return entry;
  }

  @Test
  void anEntryIsKeptInEveryVersionItCanBeWrittenIn() {
    assertThat(parse(flow(), OF13).versions()).extracting(m -> m.getVersion())
        .startsWith(OFVersion.OF_13).contains(OFVersion.OF_10, OFVersion.OF_12, OFVersion.OF_14, OFVersion.OF_15);
    // set_field has no OpenFlow 1.0 or 1.1 form; a group none on 1.0.
    assertThat(parse(flow("actions", "set_field=eth_dst->00:00:00:00:00:02"), OF13).forVersion(OFVersion.OF_10))
        .isEmpty();
    assertThat(parse(flow("actions", "set_field=eth_dst->00:00:00:00:00:02"), OF13).forVersion(OFVersion.OF_11))
        .isEmpty();
    StaticEntry group = FloodlightEntryParser.parseForSwitch(group("select", List.of(Map.of("bucket_actions",
        "output=2"))), OF13);
    assertThat(group.forVersion(OFVersion.OF_10)).isEmpty();
    assertThat(group.forVersion(OFVersion.OF_13)).isPresent();
  }

  private static OFFlowAdd flowAdd(Map<String, String> fields, OFFactory f) {
    return (OFFlowAdd) parse(fields, f).add();
  }

  private static List<OFAction> applied(OFFlowAdd a) {
    return ((OFInstructionApplyActions) a.getInstructions().get(0)).getActions();
  }

  @Test
  void floodlightsExampleFlowOnOpenFlow13() {
    StaticEntry e = parse(flow(), OF13);
    OFFlowAdd a = (OFFlowAdd) e.add();

    assertThat(e.name()).isEqualTo("flow-1");
    assertThat(e.dpid()).isEqualTo(DatapathId.of(1));
    assertThat(e.active()).isTrue();
    assertThat(a.getPriority()).isEqualTo(32768);
    assertThat(a.getMatch().get(MatchField.IN_PORT)).isEqualTo(OFPort.of(1));
    assertThat(a.getMatch().get(MatchField.ETH_TYPE)).isEqualTo(EthType.IPv4);
    assertThat(a.getMatch().get(MatchField.IPV4_DST)).isEqualTo(IPv4Address.of("10.0.0.2"));
    assertThat(a.getTableId()).isEqualTo(TableId.of(0));
    assertThat(a.getInstructions()).hasSize(1);
    assertThat(applied(a)).containsExactly(OF13.actions().output(OFPort.of(2), 0xffff));
  }

  @Test
  void floodlightsExampleFlowOnOpenFlow10UsesAnActionList() {
    OFFlowAdd a = flowAdd(flow(), OF10);
    assertThat(a.getVersion()).isEqualTo(OFVersion.OF_10);
    assertThat(a.getActions()).containsExactly(OF10.actions().output(OFPort.of(2), 0xffff));
    assertThat(a.getMatch().get(MatchField.IPV4_DST)).isEqualTo(IPv4Address.of("10.0.0.2"));
  }

  @Test
  void aGivenCookieIsWrittenAsIs() {
    assertThat(flowAdd(flow("cookie", "0"), OF13).getCookie()).isEqualTo(U64.ZERO);
    assertThat(flowAdd(flow("cookie", "0x7700000000000001"), OF13).getCookie()).isEqualTo(U64.of(0x7700000000000001L));
    assertThat(flowAdd(flow("cookie", "18446744073709551615"), OF13).getCookie()).isEqualTo(U64.of(-1L));
  }

  @Test
  void withoutACookieTheEntryGetsAStaticOwnersCookieStableForItsName() {
    U64 cookie = flowAdd(flow(), OF13).getCookie();
    assertThat(Cookie.decode(cookie).owner()).isEqualTo(CookieOwner.STATIC);
    assertThat(flowAdd(flow(), OF10).getCookie()).isEqualTo(cookie);
    assertThat(flowAdd(flow("name", "other"), OF13).getCookie()).isNotEqualTo(cookie);
  }

  @Test
  void aCookieOfAnotherNetServOwnerIsRefused() {
    assertThatThrownBy(() -> parse(flow("cookie", "0x0200000000000001"), OF13))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cookie").hasMessageContaining("FORWARDING");
    // STATIC's own code is fine: the operator names a static entry explicitly.
    assertThat(flowAdd(flow("cookie", "0x2000000000000001"), OF13).getCookie()).isEqualTo(U64.of(0x2000000000000001L));
  }

  @Test
  void defaultsArePriority32768NoTimeoutsActive() {
    StaticEntry e = parse(flow("priority", null, "active", null), OF13);
    OFFlowAdd a = (OFFlowAdd) e.add();
    assertThat(a.getPriority()).isEqualTo(FloodlightEntryParser.DEFAULT_PRIORITY);
    assertThat(a.getIdleTimeout()).isZero();
    assertThat(a.getHardTimeout()).isZero();
    assertThat(a.getFlags()).isEmpty();
    assertThat(e.active()).isTrue();
    assertThat(parse(flow("active", "false"), OF13).active()).isFalse();
  }

  @Test
  void timeoutsTableAndPriorityAreRead() {
    OFFlowAdd a = flowAdd(flow("idle_timeout", "5", "hard_timeout", "0x10", "table", "3", "priority", "40000"), OF13);
    assertThat(a.getIdleTimeout()).isEqualTo(5);
    assertThat(a.getHardTimeout()).isEqualTo(16);
    assertThat(a.getTableId()).isEqualTo(TableId.of(3));
    assertThat(a.getPriority()).isEqualTo(40000);
  }

  @Test
  void setFieldAndSeveralActions() {
    OFFlowAdd a = flowAdd(flow("actions", "set_field=eth_dst->00:00:00:00:00:02,set_field=ipv4_dst->10.0.0.9,"
        + "output=2,output=controller"), OF13);
    assertThat(applied(a)).containsExactly(
        OF13.actions().setField(OF13.oxms().ethDst(MacAddress.of("00:00:00:00:00:02"))),
        OF13.actions().setField(OF13.oxms().ipv4Dst(IPv4Address.of("10.0.0.9"))),
        OF13.actions().output(OFPort.of(2), 0xffff),
        OF13.actions().output(OFPort.CONTROLLER, 0xffff));
  }

  @Test
  void setEthDstIsASetFieldOn13AndSetDlDstOn10() {
    assertThat(applied(flowAdd(flow("actions", "set_eth_dst=00:00:00:00:00:02"), OF13)))
        .containsExactly(OF13.actions().setField(OF13.oxms().ethDst(MacAddress.of("00:00:00:00:00:02"))));
    assertThat(flowAdd(flow("actions", "set_eth_dst=00:00:00:00:00:02,strip_vlan"), OF10).getActions())
        .containsExactly(OF10.actions().setDlDst(MacAddress.of("00:00:00:00:00:02")), OF10.actions().stripVlan());
  }

  @Test
  void actionNamesAreCaseInsensitiveAndDropMeansNone() {
    assertThat(applied(flowAdd(flow("actions", "OUTPUT=LOCAL"), OF13)))
        .containsExactly(OF13.actions().output(OFPort.LOCAL, 0xffff));
    assertThat(applied(flowAdd(flow("actions", "drop"), OF13))).isEmpty();
    assertThat(flowAdd(flow("actions", ""), OF10).getActions()).isEmpty();
  }

  @Test
  void instructionKeysBuildInstructionsInExecutionOrder() {
    OFFlowAdd a = flowAdd(flow("actions", null, "instruction_goto_table", "2", "instruction_write_actions",
        "output=3", "instruction_apply_actions", "group=1"), OF13);
    List<OFInstruction> is = a.getInstructions();
    assertThat(is).hasSize(3);
    assertThat(is.get(0)).isInstanceOf(OFInstructionApplyActions.class);
    assertThat(((OFInstructionApplyActions) is.get(0)).getActions())
        .containsExactly(OF13.actions().group(OFGroup.of(1)));
    assertThat(is.get(1)).isInstanceOf(OFInstructionWriteActions.class);
    assertThat(((OFInstructionGotoTable) is.get(2)).getTableId()).isEqualTo(TableId.of(2));
  }

  @Test
  void maskedAndPrefixedFields() {
    OFFlowAdd a = flowAdd(flow("ipv4_dst", "10.0.0.0/24", "eth_src", "00:00:00:00:00:00/01:00:00:00:00:00"), OF13);
    assertThat(a.getMatch().getMasked(MatchField.IPV4_DST).getMask()).isEqualTo(IPv4Address.of("255.255.255.0"));
    assertThat(a.getMatch().isPartiallyMasked(MatchField.ETH_SRC)).isTrue();
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(value = OFVersion.class, names = {"OF_10", "OF_13"})
  void transportPortsByProtocolAndTheGenericTpKeys(OFVersion version) {
    OFFactory f = OFFactories.getFactory(version);
    OFFlowAdd tcp = flowAdd(flow("ip_proto", "6", "tcp_dst", "80"), f);
    assertThat(tcp.getMatch().get(MatchField.TCP_DST)).isEqualTo(TransportPort.of(80));
    OFFlowAdd udp = flowAdd(flow("ip_proto", "0x11", "tp_dst", "5060"), f);
    assertThat(udp.getMatch().get(MatchField.IP_PROTO)).isEqualTo(IpProtocol.UDP);
    assertThat(udp.getMatch().get(MatchField.UDP_DST)).isEqualTo(TransportPort.of(5060));
  }

  @Test
  void numbersMayComeAsJsonNumbersAndKeysInAnyCase() throws Exception {
    EntryRequest r = EntryRequest.fromJson(new ObjectMapper().readTree(
        "{\"Switch\": \"" + SW + "\", \"NAME\": \"n\", \"priority\": 100, \"in_port\": 1, \"active\": true,"
            + " \"actions\": \"output=2\"}"));
    OFFlowAdd a = (OFFlowAdd) FloodlightEntryParser.parse(r, OF13).add();
    assertThat(a.getPriority()).isEqualTo(100);
    assertThat(a.getMatch().get(MatchField.IN_PORT)).isEqualTo(OFPort.of(1));
  }

  @Test
  void aDpidMayBeAPlainNumber() {
    assertThat(parse(flow("switch", "1"), OF13).dpid()).isEqualTo(DatapathId.of(1));
    assertThat(parse(flow("switch", "0x5e"), OF13).dpid()).isEqualTo(DatapathId.of(0x5e));
  }

  // ---- groups ----

  private static EntryRequest group(String type, List<Map<String, String>> buckets, String... more) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("switch", SW);
    m.put("name", "grp-pool");
    m.put("entry_type", "group");
    m.put("active", "true");
    m.put("group_type", type);
    m.put("group_id", "1");
    for (int i = 0; i < more.length; i += 2) {
      m.put(more[i], more[i + 1]);
    }
    return new EntryRequest(m, buckets);
  }

  @Test
  void floodlightsSelectGroupWithWatchPortAndGroupAny() {
    OFGroupAdd g = (OFGroupAdd) FloodlightEntryParser.parse(group("select", List.of(
        Map.of("bucket_id", "2", "bucket_weight", "3", "bucket_actions", "output=3"),
        Map.of("bucket_id", "1", "bucket_weight", "1", "bucket_watch_group", "any", "bucket_watch_port", "any",
            "bucket_actions", "output=2")), "group_id", "7"), OF13).add();

    assertThat(g.getGroup()).isEqualTo(OFGroup.of(7));
    assertThat(g.getGroupType()).isEqualTo(OFGroupType.SELECT);
    assertThat(g.getBuckets()).extracting(OFBucket::getWeight).containsExactly(1, 3); // ordered by bucket_id
    assertThat(g.getBuckets()).allSatisfy(b -> {
      assertThat(b.getWatchGroup()).isEqualTo(OFGroup.ANY);
      assertThat(b.getWatchPort()).isEqualTo(OFPort.ANY);
    });
    assertThat(g.getBuckets().get(0).getActions()).containsExactly(OF13.actions().output(OFPort.of(2), 0xffff));
  }

  @Test
  void nonSelectGroupsDefaultToWeightZero() {
    OFGroupAdd g = (OFGroupAdd) FloodlightEntryParser.parse(group("all", List.of(
        Map.of("bucket_actions", "output=2"), Map.of("bucket_actions", "output=3"))), OF13).add();
    assertThat(g.getGroupType()).isEqualTo(OFGroupType.ALL);
    assertThat(g.getBuckets()).extracting(OFBucket::getWeight).containsExactly(0, 0);
    OFGroupAdd ff = (OFGroupAdd) FloodlightEntryParser.parse(group("fast_failover", List.of(
        Map.of("bucket_watch_port", "2", "bucket_actions", "output=2"))), OF13).add();
    assertThat(ff.getGroupType()).isEqualTo(OFGroupType.FF);
    assertThat(ff.getBuckets().get(0).getWatchPort()).isEqualTo(OFPort.of(2));
  }

  // ---- refusals: each names the field ----

  @ParameterizedTest(name = "{0}={1}: {2}")
  @CsvSource(delimiter = '|', value = {
      "bogus_field | 1 | unknown field 'bogus_field'",
      "in_port | banana | in_port",
      "priority | 70000 | priority",
      "priority | -1 | priority",
      "idle_timeout | x | idle_timeout",
      "ipv4_dst | 10.0.0.300 | ipv4_dst",
      "eth_type | 0x10000 | eth_type",
      "switch | not-a-dpid | switch",
      "active | maybe | active",
      "cookie | -5 | cookie",
      "actions | output= | output",
      "actions | fly=2 | unknown action 'fly'",
      "actions | set_field=eth_dst | set_field",
      "actions | set_field=nope->1 | unknown field 'nope'",
      "actions | set_field=eth_dst->zz | eth_dst",
      "actions | strip_vlan_now | unknown action",
      "entry_type | meter | entry_type",
      "group_id | 1 | group_id belongs to a group",
      "instruction_goto_table | 0 | instruction_goto_table",
      "instruction_experimenter | 1 | experimenter",
      "table | 255 | table",
  })
  void invalidFlowsAreRefusedNamingTheField(String key, String value, String message) {
    assertThatThrownBy(() -> parse(flow(key, value), OF13)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message);
  }

  @Test
  void missingNameOrSwitchIsRefused() {
    assertThatThrownBy(() -> parse(flow("name", null), OF13)).hasMessageContaining("missing field 'name'");
    assertThatThrownBy(() -> parse(flow("switch", null), OF13)).hasMessageContaining("missing field 'switch'");
    assertThatThrownBy(() -> parse(flow("name", ""), OF13)).hasMessageContaining("missing field 'name'");
  }

  @Test
  void matchPrerequisitesAreRequired() {
    assertThatThrownBy(() -> parse(flow("eth_type", null), OF13)).hasMessageContaining("ipv4_dst needs eth_type 0x0800");
    assertThatThrownBy(() -> parse(flow("eth_type", "0x86dd"), OF13)).hasMessageContaining("ipv4_dst needs");
    assertThatThrownBy(() -> parse(flow("tcp_dst", "80"), OF13)).hasMessageContaining("tcp_dst needs ip_proto 6");
    assertThatThrownBy(() -> parse(flow("ip_proto", "17", "tcp_dst", "80"), OF13)).hasMessageContaining("ip_proto 6");
    assertThatThrownBy(() -> parse(flow("tp_dst", "80"), OF13)).hasMessageContaining("tp_dst needs ip_proto");
    assertThatThrownBy(() -> parse(flow("eth_type", null, "ipv4_dst", null, "ip_proto", "6"), OF13))
        .hasMessageContaining("ip_proto needs eth_type");
    assertThatThrownBy(() -> parse(flow("arp_tpa", "10.0.0.1"), OF13)).hasMessageContaining("arp_tpa needs eth_type 0x0806");
  }

  @Test
  void openFlow10RefusesWhatItCannotDo() {
    assertThatThrownBy(() -> parse(flow("actions", "set_field=eth_dst->00:00:00:00:00:02"), OF10))
        .hasMessageContaining("not supported on OF_10");
    assertThatThrownBy(() -> parse(flow("actions", "group=1"), OF10)).hasMessageContaining("OF_10");
    assertThatThrownBy(() -> parse(flow("actions", null, "instruction_apply_actions", "output=2"), OF10))
        .hasMessageContaining("instructions need OpenFlow 1.1");
    assertThatThrownBy(() -> parse(flow("table", "1"), OF10)).hasMessageContaining("table");
    assertThatThrownBy(() -> parse(flow("eth_type", "0x86dd", "ipv4_dst", null, "ipv6_dst", "::1"), OF10))
        .hasMessageContaining("ipv6_dst").hasMessageContaining("OF_10");
    assertThatThrownBy(() -> FloodlightEntryParser.parse(group("select", List.of()), OF10))
        .hasMessageContaining("groups need OpenFlow 1.1");
  }

  @Test
  void openFlow13RefusesOpenFlow10OnlyActions() {
    assertThatThrownBy(() -> parse(flow("actions", "set_tp_dst=80"), OF13)).hasMessageContaining("not supported on OF_13");
    assertThatThrownBy(() -> parse(flow("actions", "enqueue=1:2"), OF13)).hasMessageContaining("not supported on OF_13");
  }

  @Test
  void bothActionsAndApplyActionsIsAmbiguous() {
    assertThatThrownBy(() -> parse(flow("instruction_apply_actions", "output=3"), OF13))
        .hasMessageContaining("not both");
  }

  @Test
  void invalidGroupsAreRefused() {
    List<Map<String, String>> one = List.of(Map.of("bucket_actions", "output=2"));
    assertThatThrownBy(() -> FloodlightEntryParser.parse(group("round_robin", one), OF13))
        .hasMessageContaining("group_type");
    assertThatThrownBy(() -> FloodlightEntryParser.parse(group("select", one, "group_id", "any"), OF13))
        .hasMessageContaining("group_id");
    assertThatThrownBy(() -> FloodlightEntryParser.parse(group("select", one, "group_id", "0x10000001"), OF13))
        .hasMessageContaining("steering");
    assertThatThrownBy(() -> FloodlightEntryParser.parse(group("select", one, "priority", "5"), OF13))
        .hasMessageContaining("unknown field 'priority'");
    assertThatThrownBy(() -> FloodlightEntryParser.parse(group("select",
        List.of(Map.of("bucket_colour", "red"))), OF13)).hasMessageContaining("bucket_colour");
    assertThatThrownBy(() -> FloodlightEntryParser.parse(group("select",
        List.of(Map.of("bucket_actions", "output=x"))), OF13)).hasMessageContaining("bucket_actions");
    assertThatThrownBy(() -> FloodlightEntryParser.parse(group("indirect", List.of()), OF13))
        .hasMessageContaining("exactly one bucket");
    assertThatThrownBy(() -> FloodlightEntryParser.parse(new EntryRequest(flow(), one), OF13))
        .hasMessageContaining("group_buckets belongs to a group");
  }

  @Test
  void bodiesThatAreNotObjectsOfScalarsAreRefused() throws Exception {
    ObjectMapper json = new ObjectMapper();
    assertThatThrownBy(() -> EntryRequest.fromJson(json.readTree("[1,2]"))).hasMessageContaining("JSON object");
    assertThatThrownBy(() -> EntryRequest.fromJson(json.readTree("{\"name\": {\"a\": 1}}")))
        .hasMessageContaining("'name' must be a string");
    assertThatThrownBy(() -> EntryRequest.fromJson(json.readTree("{\"group_buckets\": \"x\"}")))
        .hasMessageContaining("group_buckets must be a JSON array");
  }

  @Test
  void theListViewUsesFloodlightsNamesAndStrings() {
    Map<String, Object> view = EntryJson.render(parse(flow("cookie", "0", "priority", "40000",
        "actions", null, "instruction_apply_actions", "group=1"), OF13));
    assertThat(view).containsEntry("version", "OF_13").containsEntry("command", "ADD").containsEntry("cookie", "0")
        .containsEntry("priority", "40000").containsEntry("outPort", "any").containsEntry("cookieMask", "0");
    assertThat(view.get("match")).isEqualTo(Map.of("in_port", "1", "eth_type", "0x800", "ipv4_dst", "10.0.0.2"));
    assertThat(view.get("instructions")).isEqualTo(Map.of("instruction_apply_actions", Map.of("actions", "group=1")));

    Map<String, Object> of10 = EntryJson.render(parse(flow(), OF10));
    assertThat(of10).doesNotContainKeys("flags", "cookieMask", "instructions")
        .containsEntry("actions", Map.of("actions", "output=2"));

    Map<String, Object> group = EntryJson.render(FloodlightEntryParser.parse(group("select", List.of(
        Map.of("bucket_id", "1", "bucket_weight", "1", "bucket_actions", "output=2"))), OF13));
    assertThat(group).containsEntry("group_number", "1").containsEntry("group_type", "select");
    assertThat(group.get("group_buckets")).isEqualTo(List.of(Map.of("bucket_id", "1", "bucket_watch_group", "any",
        "bucket_watch_port", "any", "bucket_weight", "1", "bucket_actions", "output=2")));
  }

  @Test
  void renderedActionsParseBackToTheSameActions() {
    String text = "set_field=eth_dst->00:00:00:00:00:02,pop_vlan,output=local,group=3";
    OFFlowAdd a = flowAdd(flow("actions", text), OF13);
    assertThat(ActionStrings.of(applied(a))).isEqualTo(text);
  }
}
