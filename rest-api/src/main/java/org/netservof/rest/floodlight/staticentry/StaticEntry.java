package org.netservof.rest.floodlight.staticentry;

import java.util.Objects;
import org.projectfloodlight.openflow.protocol.OFFlowAdd;
import org.projectfloodlight.openflow.protocol.OFGroupAdd;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.types.DatapathId;

/**
 * One static entry: what the operator posted and the message that installs it, built for the OpenFlow
 * version of the switch at the time (parsed again from {@link #request} when the switch comes back speaking
 * another version).
 *
 * @param name unique across all switches, as in Floodlight
 * @param dpid the switch it belongs to
 * @param active false: stored, listed, not installed
 * @param request the posted fields, as given
 * @param add an {@link OFFlowAdd} or an {@link OFGroupAdd}
 */
public record StaticEntry(String name, DatapathId dpid, boolean active, EntryRequest request, OFMessage add) {
  public StaticEntry {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(dpid, "dpid");
    Objects.requireNonNull(request, "request");
    if (!(add instanceof OFFlowAdd) && !(add instanceof OFGroupAdd)) {
      throw new IllegalArgumentException("a static entry installs a flow or a group, not " + add);
    }
  }

  public boolean isGroup() {
    return add instanceof OFGroupAdd;
  }
}
