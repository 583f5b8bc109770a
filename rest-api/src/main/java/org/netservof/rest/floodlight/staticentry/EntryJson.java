package org.netservof.rest.floodlight.staticentry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.projectfloodlight.openflow.protocol.OFBucket;
import org.projectfloodlight.openflow.protocol.OFFlowAdd;
import org.projectfloodlight.openflow.protocol.OFGroupAdd;
import org.projectfloodlight.openflow.protocol.OFGroupType;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.protocol.action.OFAction;
import org.projectfloodlight.openflow.protocol.instruction.OFInstruction;
import org.projectfloodlight.openflow.protocol.instruction.OFInstructionApplyActions;
import org.projectfloodlight.openflow.protocol.instruction.OFInstructionClearActions;
import org.projectfloodlight.openflow.protocol.instruction.OFInstructionGotoTable;
import org.projectfloodlight.openflow.protocol.instruction.OFInstructionMeter;
import org.projectfloodlight.openflow.protocol.instruction.OFInstructionWriteActions;
import org.projectfloodlight.openflow.protocol.instruction.OFInstructionWriteMetadata;
import org.projectfloodlight.openflow.protocol.match.Match;
import org.projectfloodlight.openflow.protocol.match.MatchField;

/**
 * A static entry as Floodlight's list endpoint writes it ({@code sep_list_all.json}): numbers as strings,
 * Floodlight's match keys, actions in its string syntax. Floodlight's duplicated "version" key and its
 * "xid" are left out; an extra "active" says whether the entry is installed.
 */
public final class EntryJson {
  private EntryJson() {}

  public static Map<String, Object> render(StaticEntry e) {
    Map<String, Object> out = e.add() instanceof OFFlowAdd a ? flow(a) : group((OFGroupAdd) e.add());
    out.put("active", String.valueOf(e.active()));
    return out;
  }

  private static Map<String, Object> flow(OFFlowAdd a) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("version", a.getVersion().name());
    out.put("command", "ADD");
    out.put("cookie", Long.toUnsignedString(a.getCookie().getValue()));
    out.put("priority", String.valueOf(a.getPriority()));
    out.put("idleTimeoutSec", String.valueOf(a.getIdleTimeout()));
    out.put("hardTimeoutSec", String.valueOf(a.getHardTimeout()));
    out.put("outPort", a.getOutPort().toString());
    boolean of10 = a.getVersion() == OFVersion.OF_10;
    if (!of10) {
      out.put("flags", "0"); // the wire bitmask; static entries carry no flags
      out.put("cookieMask", "0");
      out.put("outGroup", "any");
      out.put("tableId", a.getTableId().toString());
    }
    out.put("match", match(a.getMatch()));
    if (of10) {
      out.put("actions", actions(a.getActions()));
    } else {
      out.put("instructions", instructions(a.getInstructions()));
    }
    return out;
  }

  static Map<String, String> match(Match m) {
    Map<String, String> out = new LinkedHashMap<>();
    for (MatchField<?> f : m.getMatchFields()) {
      String value = m.isExact(f) ? String.valueOf(m.get(f)) : String.valueOf(m.getMasked(f));
      out.put(MatchFields.keyOf(f), value);
    }
    return out;
  }

  private static Map<String, String> actions(List<OFAction> actions) {
    return actions.isEmpty() ? Map.of("none", "drop") : Map.of("actions", ActionStrings.render(actions));
  }

  private static Map<String, Object> instructions(List<OFInstruction> instructions) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (OFInstruction i : instructions) {
      if (i instanceof OFInstructionApplyActions a) {
        out.put("instruction_apply_actions", actions(a.getActions()));
      } else if (i instanceof OFInstructionWriteActions w) {
        out.put("instruction_write_actions", actions(w.getActions()));
      } else if (i instanceof OFInstructionClearActions) {
        out.put("instruction_clear_actions", Map.of());
      } else if (i instanceof OFInstructionGotoTable g) {
        out.put("instruction_goto_table", Map.of("instruction_goto_table", g.getTableId().toString()));
      } else if (i instanceof OFInstructionMeter m) {
        out.put("instruction_goto_meter", Map.of("instruction_goto_meter", String.valueOf(m.getMeterId())));
      } else if (i instanceof OFInstructionWriteMetadata w) {
        out.put("instruction_write_metadata", Map.of("instruction_write_metadata", w.getMetadata().toString(),
            "instruction_write_metadata_mask", w.getMetadataMask().toString()));
      }
    }
    return out.isEmpty() ? new LinkedHashMap<>(Map.of("none", "drop")) : out;
  }

  private static Map<String, Object> group(OFGroupAdd g) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("version", g.getVersion().name());
    out.put("command", "ADD");
    out.put("group_number", g.getGroup().toString());
    out.put("group_type", g.getGroupType() == OFGroupType.FF ? "fast_failover"
        : g.getGroupType().name().toLowerCase(Locale.ROOT));
    List<Map<String, String>> buckets = new ArrayList<>();
    int id = 1;
    for (OFBucket b : g.getBuckets()) {
      Map<String, String> bucket = new LinkedHashMap<>();
      bucket.put("bucket_id", String.valueOf(id++));
      bucket.put("bucket_watch_group", b.getWatchGroup().toString());
      bucket.put("bucket_watch_port", b.getWatchPort().toString());
      bucket.put("bucket_weight", String.valueOf(b.getWeight()));
      bucket.put("bucket_actions", ActionStrings.render(b.getActions()));
      buckets.add(bucket);
    }
    out.put("group_buckets", buckets);
    return out;
  }
}
