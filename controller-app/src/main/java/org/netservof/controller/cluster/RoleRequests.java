package org.netservof.controller.cluster;

import java.util.Optional;
import java.util.concurrent.CompletionException;
import org.netservof.controller.api.OFErrorException;
import org.netservof.controller.api.cluster.SwitchRole;
import org.projectfloodlight.openflow.protocol.OFControllerRole;
import org.projectfloodlight.openflow.protocol.OFErrorMsg;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFRoleRequest;
import org.projectfloodlight.openflow.protocol.errormsg.OFBadRequestErrorMsg;
import org.projectfloodlight.openflow.protocol.errormsg.OFRoleRequestFailedErrorMsg;
import org.projectfloodlight.openflow.protocol.OFBadRequestCode;
import org.projectfloodlight.openflow.protocol.OFRoleRequestFailedCode;
import org.projectfloodlight.openflow.types.U64;

/** The role requests an elected member sends, and what a switch's refusal of one means. */
final class RoleRequests {
  private RoleRequests() {}

  /** ROLE_REQUEST for MASTER or SLAVE, carrying the election's generation id. */
  static OFRoleRequest request(OFFactory factory, SwitchRole.Role role, long generation) {
    OFControllerRole wanted = switch (role) {
      case MASTER -> OFControllerRole.ROLE_MASTER;
      case SLAVE -> OFControllerRole.ROLE_SLAVE;
      case EQUAL -> OFControllerRole.ROLE_EQUAL;
    };
    return factory.buildRoleRequest().setRole(wanted).setGenerationId(U64.of(generation)).build();
  }

  /** Whether the switch refused a role request as stale: it has seen a higher generation id. */
  static boolean stale(Throwable failure) {
    return error(failure).filter(e -> e instanceof OFRoleRequestFailedErrorMsg refused
        && refused.getCode() == OFRoleRequestFailedCode.STALE).isPresent();
  }

  /** Whether an error says this controller is a slave for the switch that sent it. */
  static boolean isSlave(OFErrorMsg error) {
    return error instanceof OFBadRequestErrorMsg bad && bad.getCode() == OFBadRequestCode.IS_SLAVE;
  }

  private static Optional<OFErrorMsg> error(Throwable failure) {
    Throwable cause = failure instanceof CompletionException && failure.getCause() != null
        ? failure.getCause() : failure;
    if (cause instanceof OFErrorException refused && !refused.errors().isEmpty()) {
      return Optional.of(refused.errors().get(0).getValue());
    }
    return Optional.empty();
  }
}
