package org.netservof.controller.cluster;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.netservof.controller.api.OFErrorException;
import org.netservof.controller.testing.FakeSwitch;
import org.projectfloodlight.openflow.protocol.OFControllerRole;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFRequest;
import org.projectfloodlight.openflow.protocol.OFRoleRequest;

/**
 * One member's connection to a {@link FakeRoleSwitch}: role requests are answered as the switch decides; a
 * write the switch refuses as coming from a slave runs {@link #onIsSlave}, as the IS_SLAVE error would.
 */
final class FakeConnection implements FakeSwitch.Peer {
  private final FakeRoleSwitch target;
  final String member;
  /** What the member's mastership talks to. */
  final FakeSwitch sw;
  /** The role the switch gives this connection; a new connection is EQUAL. */
  volatile OFControllerRole role = OFControllerRole.ROLE_EQUAL;
  Runnable onIsSlave = () -> {};
  int roleRequests;

  FakeConnection(FakeRoleSwitch target, String member) {
    this.target = target;
    this.member = member;
    this.sw = new FakeSwitch(target.dpid.getLong(), target.factory.getVersion(), 1).answeredBy(this);
  }

  @Override
  public boolean takes(OFMessage write) {
    boolean taken = target.write(this, write.getType().toString());
    if (!taken) {
      onIsSlave.run();
    }
    return taken;
  }

  @Override
  public CompletableFuture<? extends OFMessage> answer(OFRequest<?> request) {
    roleRequests++;
    OFRoleRequest asked = (OFRoleRequest) request;
    Optional<OFErrorException> refused = target.roleRequest(this, asked);
    if (refused.isPresent()) {
      return CompletableFuture.failedFuture(refused.get());
    }
    return CompletableFuture.completedFuture(target.factory.buildRoleReply().setXid(asked.getXid())
        .setRole(asked.getRole()).setGenerationId(asked.getGenerationId()).build());
  }

  /** As sent through the member's switch object, the way its application writes. */
  void write(OFMessage message) {
    sw.write(message);
  }

  CompletableFuture<? extends OFMessage> request(OFRequest<?> request) {
    return sw.request(request);
  }
}
