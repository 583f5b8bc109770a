package org.netservof.rest.floodlight;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.netservof.rest.floodlight.syntax.Instructions;
import org.projectfloodlight.openflow.protocol.OFAggregateStatsReply;
import org.projectfloodlight.openflow.protocol.OFBucket;
import org.projectfloodlight.openflow.protocol.OFBucketCounter;
import org.projectfloodlight.openflow.protocol.OFControllerRole;
import org.projectfloodlight.openflow.protocol.OFDescStatsReply;
import org.projectfloodlight.openflow.protocol.OFFeaturesReply;
import org.projectfloodlight.openflow.protocol.OFGroupDescStatsReply;
import org.projectfloodlight.openflow.protocol.OFGroupStatsEntry;
import org.projectfloodlight.openflow.protocol.OFGroupStatsReply;
import org.projectfloodlight.openflow.protocol.OFPortDesc;
import org.projectfloodlight.openflow.protocol.OFPortStatsEntry;
import org.projectfloodlight.openflow.protocol.OFPortStatsReply;
import org.projectfloodlight.openflow.protocol.OFStatsReply;
import org.projectfloodlight.openflow.protocol.OFTableStatsReply;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.types.U64;

/**
 * The other statistics bodies of {@code /wm/core/switch/{dpid}/{type}/json}, field for field as Floodlight
 * writes them: counts as decimal strings, enum sets as arrays of names, fields a version lacks left out.
 */
final class SwitchStatsJson {
  private SwitchStatsJson() {}

  static Map<String, Object> ports(List<OFPortStatsReply> replies) {
    List<Object> parts = new ArrayList<>();
    for (OFPortStatsReply reply : replies) {
      Map<String, Object> part = new LinkedHashMap<>();
      part.put("version", reply.getVersion().name());
      part.put("port", reply.getEntries().stream().map(SwitchStatsJson::port).toList());
      parts.add(part);
    }
    return Map.of("port_reply", parts);
  }

  static Map<String, Object> port(OFPortStatsEntry e) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("port_number", e.getPortNo().toString());
    out.put("receive_packets", u(e.getRxPackets()));
    out.put("transmit_packets", u(e.getTxPackets()));
    out.put("receive_bytes", u(e.getRxBytes()));
    out.put("transmit_bytes", u(e.getTxBytes()));
    out.put("receive_dropped", u(e.getRxDropped()));
    out.put("transmit_dropped", u(e.getTxDropped()));
    out.put("receive_errors", u(e.getRxErrors()));
    out.put("transmit_errors", u(e.getTxErrors()));
    // OpenFlow 1.4 moved the Ethernet counters into properties; Floodlight writes them up to 1.3 only.
    if (e.getVersion().compareTo(OFVersion.OF_13) <= 0) {
      out.put("receive_frame_errors", u(e.getRxFrameErr()));
      out.put("receive_overrun_errors", u(e.getRxOverErr()));
      out.put("receive_CRC_errors", u(e.getRxCrcErr()));
      out.put("collisions", u(e.getCollisions()));
    }
    if (e.getVersion().compareTo(OFVersion.OF_13) >= 0) {
      out.put("duration_sec", Long.toString(e.getDurationSec()));
      out.put("duration_nsec", Long.toString(e.getDurationNsec()));
    }
    return out;
  }

  static Map<String, Object> portDesc(OFVersion version, Collection<OFPortDesc> ports) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("version", version.name());
    out.put("port_desc", ports.stream().map(SwitchStatsJson::portDesc).toList());
    return out;
  }

  static Map<String, Object> portDesc(OFPortDesc p) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("port_number", p.getPortNo().toString());
    out.put("hardware_address", p.getHwAddr().toString());
    out.put("name", p.getName());
    out.put("config", names(p.getConfig()));
    out.put("state", names(p.getState()));
    out.put("current_features", names(p.getCurr()));
    out.put("advertised_features", names(p.getAdvertised()));
    out.put("supported_features", names(p.getSupported()));
    out.put("peer_features", names(p.getPeer()));
    // Speeds exist as fields from 1.1 to 1.3 (1.0 has none, 1.4 moved them into properties).
    if (p.getVersion() != OFVersion.OF_10 && p.getVersion().compareTo(OFVersion.OF_13) <= 0) {
      out.put("curr_speed", Long.toString(p.getCurrSpeed()));
      out.put("max_speed", Long.toString(p.getMaxSpeed()));
    }
    return out;
  }

  static Map<String, Object> desc(OFDescStatsReply d) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("version", d.getVersion().name());
    body.put("manufacturer_description", d.getMfrDesc());
    body.put("hardware_description", d.getHwDesc());
    body.put("software_description", d.getSwDesc());
    body.put("serial_number", d.getSerialNum());
    body.put("datapath_description", d.getDpDesc());
    return Map.of("desc", body);
  }

  static Map<String, Object> aggregate(List<OFAggregateStatsReply> replies) {
    OFAggregateStatsReply a = replies.get(0); // an aggregate reply has one part
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("version", a.getVersion().name());
    body.put("flow_count", Long.toString(a.getFlowCount()));
    body.put("packet_count", u(a.getPacketCount()));
    body.put("byte_count", u(a.getByteCount()));
    body.put("flags", names(a.getFlags()));
    return Map.of("aggregate", body);
  }

  /** The handshake's features; before 1.3 the reply also lists the ports, and 1.0 the supported actions. */
  static Map<String, Object> features(OFFeaturesReply f) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("capabilities", f.getCapabilities().toString()); // Floodlight writes the set's toString
    out.put("dpid", f.getDatapathId().toString());
    out.put("buffers", Long.toString(f.getNBuffers()));
    out.put("tables", Short.toString(f.getNTables()));
    out.put("version", f.getVersion().name());
    if (f.getVersion().compareTo(OFVersion.OF_13) < 0) {
      out.put("port_desc", f.getPorts().stream().map(SwitchStatsJson::portDesc).toList());
    }
    if (f.getVersion() == OFVersion.OF_10) {
      out.put("actions", f.getActions().toString());
    }
    return out;
  }

  static Map<String, Object> groups(List<OFGroupStatsReply> replies) {
    return entries(replies, "group", OFGroupStatsReply::getEntries, SwitchStatsJson::group);
  }

  private static Map<String, Object> group(OFGroupStatsEntry e) {
    Map<String, Object> g = new LinkedHashMap<>();
    g.put("group_number", e.getGroup().toString());
    g.put("reference_count", Long.toString(e.getRefCount()));
    g.put("packet_count", u(e.getPacketCount()));
    g.put("byte_count", u(e.getByteCount()));
    List<Object> counters = new ArrayList<>();
    for (OFBucketCounter c : e.getBucketStats()) {
      counters.add(Map.of("packet_count", u(c.getPacketCount()), "byte_count", u(c.getByteCount())));
    }
    g.put("bucket_counters", counters);
    if (e.getVersion().compareTo(OFVersion.OF_13) >= 0) {
      g.put("duration_sec", Long.toString(e.getDurationSec()));
      g.put("duration_nsec", Long.toString(e.getDurationNsec()));
    }
    return g;
  }

  static Map<String, Object> groupDescs(List<OFGroupDescStatsReply> replies) {
    return entries(replies, "group_desc", OFGroupDescStatsReply::getEntries, e -> {
      Map<String, Object> g = new LinkedHashMap<>();
      g.put("group_type", e.getGroupType().name());
      g.put("group_number", e.getGroup().toString());
      g.put("buckets", e.getBuckets().stream().map(SwitchStatsJson::bucket).toList());
      return g;
    });
  }

  private static Map<String, Object> bucket(OFBucket b) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("weight", Integer.toString(b.getWeight()));
    out.put("watch_port", Integer.toString(b.getWatchPort().getPortNumber())); // Floodlight: ANY is "-1"
    out.put("watch_group", b.getWatchGroup().toString());
    out.putAll(Instructions.actions(b.getActions()));
    return out;
  }

  static Map<String, Object> tables(List<OFTableStatsReply> replies) {
    return entries(replies, "table", OFTableStatsReply::getEntries, e -> {
      Map<String, Object> t = new LinkedHashMap<>();
      t.put("table_id", e.getTableId().toString());
      if (e.getVersion() == OFVersion.OF_10) {
        t.put("name", e.getName());
        t.put("wildcards", String.valueOf(e.getWildcards()));
        t.put("max_entries", String.valueOf(e.getMaxEntries()));
      }
      t.put("active_count", Long.toString(e.getActiveCount()));
      t.put("lookup_count", u(e.getLookupCount()));
      t.put("match_count", u(e.getMatchedCount()));
      return t;
    });
  }

  /** Floodlight's {@code {"version": ..., key: [...]}}: one object per entry of every reply part. */
  private static <R extends OFStatsReply, E> Map<String, Object> entries(List<R> replies, String key,
      Function<R, List<E>> entriesOf, Function<E, Map<String, Object>> json) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("version", replies.get(0).getVersion().name());
    out.put(key, replies.stream().flatMap(r -> entriesOf.apply(r).stream()).map(json).toList());
    return out;
  }

  /**
   * The role as Floodlight names it ({@code MASTER}, {@code SLAVE}, {@code EQUAL}, {@code OTHER}). With no
   * granted role (OpenFlow 1.0, or a switch that refused the request) the switch gives this controller
   * full access, which OpenFlow 1.2+ calls EQUAL.
   */
  static String role(java.util.Optional<OFControllerRole> role) {
    return role.map(r -> r.name().replaceFirst("^ROLE_", "")).orElse("EQUAL");
  }

  private static List<String> names(Set<? extends Enum<?>> set) {
    return set.stream().map(Enum::name).sorted().toList();
  }

  private static String u(U64 value) {
    return Long.toUnsignedString(value.getValue());
  }
}
