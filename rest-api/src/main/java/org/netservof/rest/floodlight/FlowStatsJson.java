package org.netservof.rest.floodlight;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.netservof.rest.floodlight.syntax.Instructions;
import org.netservof.rest.floodlight.syntax.MatchFields;
import org.projectfloodlight.openflow.protocol.OFFlowModFlags;
import org.projectfloodlight.openflow.protocol.OFFlowStatsEntry;
import org.projectfloodlight.openflow.protocol.OFFlowStatsReply;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.types.U64;

/**
 * {@code /wm/core/switch/{dpid}/flow/json}: every flow entry of every reply part, as Floodlight writes it
 * (counters as decimal strings, the table as {@code 0x0}, OpenFlow 1.0 entries with {@code actions} instead
 * of {@code instructions} and without {@code flags}).
 */
final class FlowStatsJson {
  private FlowStatsJson() {}

  static Map<String, Object> flows(List<OFFlowStatsReply> replies) {
    List<Object> flows = new ArrayList<>();
    for (OFFlowStatsReply reply : replies) {
      for (OFFlowStatsEntry e : reply.getEntries()) {
        flows.add(entry(e));
      }
    }
    return Map.of("flows", flows);
  }

  static Map<String, Object> entry(OFFlowStatsEntry e) {
    OFVersion version = e.getVersion();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("version", version.name());
    out.put("cookie", unsigned(e.getCookie()));
    out.put("table_id", e.getTableId().toString());
    out.put("packet_count", unsigned(e.getPacketCount()));
    out.put("byte_count", unsigned(e.getByteCount()));
    out.put("duration_sec", Long.toString(e.getDurationSec()));
    out.put("duration_nsec", Long.toString(e.getDurationNsec()));
    out.put("priority", Integer.toString(e.getPriority()));
    out.put("idle_timeout_s", Integer.toString(e.getIdleTimeout()));
    out.put("hard_timeout_s", Integer.toString(e.getHardTimeout()));
    if (version != OFVersion.OF_10) { // OpenFlow 1.0 flow stats carry no flags
      out.put("flags", e.getFlags().stream().map(OFFlowModFlags::name).sorted().toList());
    }
    out.put("match", MatchFields.toJson(e.getMatch()));
    if (version == OFVersion.OF_10) {
      out.put("actions", Instructions.actions(e.getActions()));
    } else {
      out.put("instructions", Instructions.toJson(e.getInstructions()));
    }
    return out;
  }

  static String unsigned(U64 value) {
    return Long.toUnsignedString(value.getValue());
  }
}
