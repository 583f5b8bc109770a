package org.netservof.rest.floodlight;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.projectfloodlight.openflow.protocol.OFFlowModFlags;
import org.projectfloodlight.openflow.protocol.OFFlowStatsEntry;
import org.projectfloodlight.openflow.protocol.OFFlowStatsReply;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.protocol.action.OFAction;
import org.projectfloodlight.openflow.protocol.instruction.OFInstruction;
import org.projectfloodlight.openflow.protocol.instruction.OFInstructionApplyActions;
import org.projectfloodlight.openflow.protocol.instruction.OFInstructionClearActions;
import org.projectfloodlight.openflow.protocol.instruction.OFInstructionGotoTable;
import org.projectfloodlight.openflow.protocol.instruction.OFInstructionMeter;
import org.projectfloodlight.openflow.protocol.instruction.OFInstructionWriteActions;
import org.projectfloodlight.openflow.protocol.instruction.OFInstructionWriteMetadata;
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
    out.put("match", MatchJson.toJson(e.getMatch()));
    if (version == OFVersion.OF_10) {
      out.put("actions", actions(e.getActions()));
    } else {
      out.put("instructions", instructions(e.getInstructions()));
    }
    return out;
  }

  /** Floodlight's instruction object: one key per instruction; none at all is {@code {"none": "drop"}}. */
  static Map<String, Object> instructions(List<OFInstruction> instructions) {
    if (instructions.isEmpty()) {
      return Map.of("none", "drop");
    }
    Map<String, Object> out = new LinkedHashMap<>();
    for (OFInstruction i : instructions) {
      if (i instanceof OFInstructionApplyActions a) {
        out.put("instruction_apply_actions", actions(a.getActions()));
      } else if (i instanceof OFInstructionWriteActions w) {
        out.put("instruction_write_actions", actions(w.getActions()));
      } else if (i instanceof OFInstructionClearActions) {
        out.put("instruction_clear_actions", Map.of());
      } else if (i instanceof OFInstructionGotoTable g) {
        out.put("instruction_goto_table", Map.of("instruction_goto_table",
            Short.toString(g.getTableId().getValue())));
      } else if (i instanceof OFInstructionWriteMetadata m) {
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("instruction_write_metadata", m.getMetadata().toString());
        meta.put("instruction_write_metadata_mask", m.getMetadataMask().toString());
        out.put("instruction_write_metadata", meta);
      } else if (i instanceof OFInstructionMeter m) {
        out.put("instruction_goto_meter", Map.of("instruction_goto_meter", Long.toString(m.getMeterId())));
      } else {
        out.put("instruction_" + i.getType().name().toLowerCase(java.util.Locale.ROOT), Map.of());
      }
    }
    return out;
  }

  /** An action list object: {@code {"actions": "output=3"}}, or {@code {"none": "drop"}} when empty. */
  static Map<String, String> actions(List<OFAction> actions) {
    return actions.isEmpty() ? Map.of("none", "drop") : Map.of("actions", ActionStrings.of(actions));
  }

  static String unsigned(U64 value) {
    return Long.toUnsignedString(value.getValue());
  }
}
