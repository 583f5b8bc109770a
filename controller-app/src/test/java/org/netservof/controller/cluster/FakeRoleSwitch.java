package org.netservof.controller.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.projectfloodlight.openflow.protocol.OFControllerRole;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFRoleRequest;
import org.projectfloodlight.openflow.protocol.OFRoleRequestFailedCode;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.types.DatapathId;
import org.netservof.controller.api.OFErrorException;

/**
 * One OpenFlow 1.3 switch's controller roles, as Open vSwitch keeps them: a MASTER or SLAVE request whose
 * generation id is below the highest seen is refused as STALE; a new master turns the old one into a slave;
 * a slave's writes are refused (IS_SLAVE). Each member talks to it over its own {@link FakeConnection}.
 */
final class FakeRoleSwitch {
  final DatapathId dpid;
  final OFFactory factory;
  private final List<FakeConnection> connections = new ArrayList<>();
  private boolean generationDefined;
  private long generation;
  /** What reached the flow table, by member. */
  final List<String> applied = new ArrayList<>();

  FakeRoleSwitch(long dpid, OFVersion version) {
    this.dpid = DatapathId.of(dpid);
    this.factory = OFFactories.getFactory(version);
  }

  FakeConnection connect(String member) {
    FakeConnection connection = new FakeConnection(this, member);
    connections.add(connection);
    return connection;
  }

  /** Answers a role request the way OVS does; returns the error it sends, if it refuses. */
  synchronized Optional<OFErrorException> roleRequest(FakeConnection from, OFRoleRequest request) {
    long asked = request.getGenerationId().getValue();
    if (generationDefined && asked - generation < 0) {
      return Optional.of(new OFErrorException(dpid, List.of(Map.entry(request, factory.errorMsgs()
          .buildRoleRequestFailedErrorMsg().setXid(request.getXid()).setCode(OFRoleRequestFailedCode.STALE).build()))));
    }
    generationDefined = true;
    generation = asked;
    if (request.getRole() == OFControllerRole.ROLE_MASTER) {
      connections.stream().filter(c -> c.role == OFControllerRole.ROLE_MASTER)
          .forEach(c -> c.role = OFControllerRole.ROLE_SLAVE);
    }
    from.role = request.getRole();
    return Optional.empty();
  }

  /** Whether a write from this connection is taken; records it when it is. */
  synchronized boolean write(FakeConnection from, String what) {
    if (from.role == OFControllerRole.ROLE_SLAVE) {
      return false;
    }
    applied.add(from.member + ": " + what);
    return true;
  }

  synchronized String master() {
    return connections.stream().filter(c -> c.role == OFControllerRole.ROLE_MASTER).map(c -> c.member)
        .findFirst().orElse("none");
  }
}
