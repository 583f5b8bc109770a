package org.netservof.modules.relay;

import java.util.LinkedHashMap;
import java.util.Map;

/** What the relay counts for its report; guarded by {@link TurnHandler}'s lock. */
final class RelayCounters {
  long allocations;
  long refused;
  long malformed;
  long ignored;
  long dropped;
  long toPeers;
  long toClients;

  Map<String, Object> asMap() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("allocations", allocations);
    out.put("refused-requests", refused);
    out.put("malformed", malformed);
    out.put("ignored", ignored);
    out.put("dropped", dropped);
    out.put("relayed-to-peers", toPeers);
    out.put("relayed-to-clients", toClients);
    return out;
  }
}
