package org.netservof.rest.floodlight.staticentry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.netservof.controller.api.staticentry.StaticEntry;
import org.netservof.rest.floodlight.syntax.ActionStrings;
import org.netservof.rest.floodlight.syntax.Instructions;
import org.netservof.rest.floodlight.syntax.MatchFields;
import org.projectfloodlight.openflow.protocol.OFBucket;
import org.projectfloodlight.openflow.protocol.OFFlowAdd;
import org.projectfloodlight.openflow.protocol.OFGroupAdd;
import org.projectfloodlight.openflow.protocol.OFGroupType;
import org.projectfloodlight.openflow.protocol.OFVersion;

/**
 * A static entry as Floodlight's list endpoint writes it ({@code sep_list_all.json}): numbers as strings,
 * Floodlight's match keys, actions in its string syntax. Floodlight's duplicated "version" key and its
 * "xid" are left out; an extra "active" says whether the entry is installed.
 */
public final class EntryJson {
  private EntryJson() {}

  public static Map<String, Object> render(StaticEntry e) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("version", e.add().getVersion().name());
    out.put("command", "ADD");
    if (e.add() instanceof OFFlowAdd a) {
      flow(a, out);
    } else {
      group((OFGroupAdd) e.add(), out);
    }
    out.put("active", String.valueOf(e.active()));
    return out;
  }

  private static void flow(OFFlowAdd a, Map<String, Object> out) {
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
    out.put("match", MatchFields.toJson(a.getMatch()));
    if (of10) {
      out.put("actions", Instructions.actions(a.getActions()));
    } else {
      out.put("instructions", Instructions.toJson(a.getInstructions()));
    }
  }

  private static void group(OFGroupAdd g, Map<String, Object> out) {
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
      bucket.put("bucket_actions", ActionStrings.of(b.getActions()));
      buckets.add(bucket);
    }
    out.put("group_buckets", buckets);
  }
}
