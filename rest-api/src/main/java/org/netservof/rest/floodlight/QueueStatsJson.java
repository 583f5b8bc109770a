package org.netservof.rest.floodlight;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.projectfloodlight.openflow.protocol.OFQueueStatsEntry;
import org.projectfloodlight.openflow.protocol.OFQueueStatsReply;
import org.projectfloodlight.openflow.protocol.OFVersion;

/**
 * The body of {@code /wm/core/switch/{dpid}/queue/json} as Floodlight writes it: numbers as decimal strings.
 * Where Floodlight's own output is broken (queue entries written without their enclosing object, an empty reply written as {@code {}}), the
 * shape it meant is written: one object per queue, and an empty {@code queues} list when the switch has none.
 */
final class QueueStatsJson {
  /** OFPQ_ALL: every queue of the port. */
  static final long ALL_QUEUES = 0xffffffffL;

  private QueueStatsJson() {}

  static Map<String, Object> queues(OFVersion version, List<OFQueueStatsReply> replies) {
    List<Object> queues = new ArrayList<>();
    for (OFQueueStatsReply reply : replies) {
      for (OFQueueStatsEntry e : reply.getEntries()) {
        Map<String, Object> q = new LinkedHashMap<>();
        q.put("port", Integer.toString(e.getPortNo().getPortNumber()));
        q.put("queue_id", Long.toString(e.getQueueId()));
        q.put("tx_bytes", Long.toUnsignedString(e.getTxBytes().getValue()));
        q.put("tx_packets", Long.toUnsignedString(e.getTxPackets().getValue()));
        q.put("tx_errors", Long.toUnsignedString(e.getTxErrors().getValue()));
        if (version.compareTo(OFVersion.OF_13) >= 0) {
          q.put("duration_sec", Long.toString(e.getDurationSec()));
          q.put("duration_nsec", Long.toString(e.getDurationNsec()));
        }
        queues.add(q);
      }
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("version", version.name());
    out.put("queues", queues);
    return out;
  }
}
