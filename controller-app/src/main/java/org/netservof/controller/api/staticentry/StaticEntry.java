package org.netservof.controller.api.staticentry;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.projectfloodlight.openflow.protocol.OFFlowAdd;
import org.projectfloodlight.openflow.protocol.OFGroupAdd;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.types.DatapathId;

/**
 * One static entry (Floodlight's static entry pusher): a flow or a group an operator asked for by name, as
 * the OpenFlow messages that install it.
 *
 * <p>The entry holds its message in every OpenFlow version it can be written in, because a switch may come
 * back speaking another version and OpenFlow has no translation between versions (1.3 instructions, 1.0
 * actions). The first is the version its switch spoke when the entry was pushed; who builds the entry (the
 * REST API, from Floodlight's JSON) builds the others.
 *
 * @param name unique across all switches, as in Floodlight
 * @param dpid the switch it belongs to
 * @param active false: stored and listed, not installed
 * @param versions {@link OFFlowAdd}s or {@link OFGroupAdd}s of one object, at most one per OpenFlow version;
 *     the first for the version the switch spoke when pushed
 */
public record StaticEntry(String name, DatapathId dpid, boolean active, List<OFMessage> versions) {
  public StaticEntry {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(dpid, "dpid");
    versions = List.copyOf(versions);
    if (versions.isEmpty()) {
      throw new IllegalArgumentException("static entry " + name + ": no message to install");
    }
    boolean group = versions.get(0) instanceof OFGroupAdd;
    for (OFMessage m : versions) {
      if (!(m instanceof OFFlowAdd) && !(m instanceof OFGroupAdd)) {
        throw new IllegalArgumentException("a static entry installs a flow or a group, not " + m.getType());
      }
      if ((m instanceof OFGroupAdd) != group) {
        throw new IllegalArgumentException("static entry " + name + ": every version must be the same kind");
      }
    }
    if (versions.stream().map(OFMessage::getVersion).distinct().count() != versions.size()) {
      throw new IllegalArgumentException("static entry " + name + ": one message per OpenFlow version");
    }
  }

  /** An entry in the one version its switch speaks. */
  public static StaticEntry of(String name, DatapathId dpid, boolean active, OFMessage add) {
    return new StaticEntry(name, dpid, active, List.of(add));
  }

  /** The message for the version the switch spoke when the entry was pushed. */
  public OFMessage add() {
    return versions.get(0);
  }

  /** The message for a switch speaking {@code version}; empty when the entry cannot be written in it. */
  public Optional<OFMessage> forVersion(OFVersion version) {
    return versions.stream().filter(m -> m.getVersion() == version).findFirst();
  }

  public boolean isGroup() {
    return add() instanceof OFGroupAdd;
  }
}
