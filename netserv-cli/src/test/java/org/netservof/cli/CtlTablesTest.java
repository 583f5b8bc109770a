package org.netservof.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The tables made from Floodlight's captured answers and from NetServ API shapes. */
class CtlTablesTest {
  private final ObjectMapper mapper = new ObjectMapper();

  private JsonNode resource(String name) throws Exception {
    try (InputStream in = getClass().getResourceAsStream("/ctl/" + name)) {
      return mapper.readTree(in);
    }
  }

  private static String print(Table t) {
    StringWriter s = new StringWriter();
    t.print(new PrintWriter(s));
    return s.toString().replace(System.lineSeparator(), "\n");
  }

  @Test
  void switchesAreSortedByDpidWithTheirConnectionTime() throws Exception {
    String out = print(FabricCommands.switches(resource("core_switches.json")));
    assertThat(out.lines().toList()).containsExactly(
        "DPID                     ADDRESS           VERSION  CONNECTED-SINCE",
        "00:00:00:00:00:00:00:01  /127.0.0.1:59628  OF_13    2026-11-24T05:54:31Z",
        "00:00:00:00:00:00:00:02  /127.0.0.1:59640  OF_13    2026-11-24T05:54:31Z",
        "00:00:00:00:00:00:00:03  /127.0.0.1:59656  OF_13    2026-11-24T05:54:31Z");
  }

  @Test
  void linksAndHostsFromTheCaptures() throws Exception {
    assertThat(print(FabricCommands.links(resource("topo_links.json"))).lines().skip(1).findFirst()).hasValue(
        "00:00:00:00:00:00:00:01  3         00:00:00:00:00:00:00:02  3         internal  bidirectional  0");
    String hosts = print(FabricCommands.hosts(resource("device_all.json")));
    assertThat(hosts).contains("00:00:00:00:00:01  10.0.0.1  0x0   00:00:00:00:00:00:00:01/1");
    assertThat(hosts.lines()).hasSize(5);
  }

  @Test
  void flowsOfAllSwitchesAreSortedByPriorityWithMatchAndActions() throws Exception {
    List<String> lines = print(FabricCommands.flows(resource("core_all_flow.json"), "all")).lines().toList();
    assertThat(lines.get(0)).startsWith("SWITCH").contains("PRIORITY", "MATCH", "ACTIONS");
    assertThat(lines).anySatisfy(l -> assertThat(l).contains("00:00:00:00:00:00:00:01")
        .contains("in_port=1,eth_type=0x800,ipv4_dst=10.0.0.2").endsWith("group=1"));
    // Cookies in hex, where the owner byte shows: 9007199305072640 = 0x20000003000000.
    assertThat(lines).anySatisfy(l -> assertThat(l).contains(" 0x20000003000000 "));
    // The table-miss entry: matches everything, sends to the controller, and is last of its switch.
    assertThat(lines).anySatisfy(l -> assertThat(l).contains(" 0 ").contains(" * ").endsWith("output=controller"));
    int firstOf2 = indexOf(lines, "00:00:00:00:00:00:00:02");
    assertThat(lines.get(firstOf2 - 1)).startsWith("00:00:00:00:00:00:00:01").endsWith("output=controller");
  }

  @Test
  void aSingleSwitchAnswerIsLabelledWithTheRequestedDpid() throws Exception {
    List<String> lines = print(FabricCommands.flows(resource("core_flow.json"), "00:00:00:00:00:00:00:01"))
        .lines().toList();
    assertThat(lines).hasSizeGreaterThan(1);
    assertThat(lines.subList(1, lines.size())).allSatisfy(l -> assertThat(l).startsWith("00:00:00:00:00:00:00:01"));
  }

  @Test
  void staticEntriesShowFlowsAndGroups() throws Exception {
    String out = print(StaticEntryCommands.entries(resource("sep_list_all.json")));
    assertThat(out.lines().toList()).containsExactly(
        "SWITCH                   NAME      TYPE   PRIORITY  MATCH                                       ACTIONS",
        "00:00:00:00:00:00:00:01  grp-pool  group  -         group=1,select                              w1:output=2",
        "00:00:00:00:00:00:00:01  to-pool   flow   40000     in_port=1,eth_type=0x800,ipv4_dst=10.0.0.2  group=1");
  }

  @Test
  void servicesShowTheirFilterAndMissingFieldsAsDash() throws Exception {
    JsonNode full = mapper.readTree("""
        {"id": "s-1", "name": "mon", "user": "alice",
         "filter": {"protocol": "udp", "dst": "10.0.0.2/32", "dstPorts": "5060"},
         "pool": "edge", "mode": "inline", "state": "ACTIVE", "nodes": ["n1", "n2"],
         "expiresAt": "2026-11-24T17:00:00.123Z", "module": {"name": "NetMonitor_1.0"},
         "counters": {"packets": 4, "bytes": 400}}""");
    JsonNode sparse = mapper.readTree("{\"id\": \"s-2\", \"node\": \"n3\"}");
    assertThat(print(ServiceCommands.table(List.of(full, sparse))).lines().toList()).containsExactly(
        "ID   NAME  USER   FILTER                   POOL     MODE    STATE   NODES  EXPIRES",
        "s-1  mon   alice  udp *->10.0.0.2/32:5060  edge     inline  ACTIVE  n1,n2  2026-11-24T17:00:00Z",
        "s-2  -     -      -                        node n3  -       -       -      -");
  }

  @Test
  void detailsFlattenNestedFields() throws Exception {
    JsonNode service = mapper.readTree("""
        {"id": "s-1", "module": {"name": "M", "url": "http://h/m.jar"}, "nodes": ["n1"],
         "entries": [{"dpid": "1", "cookie": "2"}], "counters": {"packets": 4}}""");
    assertThat(print(JsonTable.details(service)).lines().toList()).containsExactly(
        "FIELD              VALUE",
        "id                 s-1",
        "module.name        M",
        "module.url         http://h/m.jar",
        "nodes              n1",
        "entries[0].dpid    1",
        "entries[0].cookie  2",
        "counters.packets   4");
  }

  @Test
  void anUnknownShapeGetsEveryFieldAsAColumn() throws Exception {
    JsonNode pools = mapper.readTree("[{\"name\": \"edge\", \"nodes\": [\"n1\"]}, {\"name\": \"core\", \"x\": 1}]");
    assertThat(print(JsonTable.generic(JsonText.elements(pools))).lines().toList()).containsExactly(
        "NAME  NODES  X", "edge  n1     -", "core  -      1");
  }

  private static int indexOf(List<String> lines, String prefix) {
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith(prefix)) {
        return i;
      }
    }
    throw new AssertionError("no line starts with " + prefix);
  }
}
