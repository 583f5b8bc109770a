package org.netservof.controller.api;

import org.projectfloodlight.openflow.protocol.OFErrorMsg;
import org.projectfloodlight.openflow.protocol.errormsg.OFBadActionErrorMsg;
import org.projectfloodlight.openflow.protocol.errormsg.OFBadInstructionErrorMsg;
import org.projectfloodlight.openflow.protocol.errormsg.OFBadMatchErrorMsg;
import org.projectfloodlight.openflow.protocol.errormsg.OFBadRequestErrorMsg;
import org.projectfloodlight.openflow.protocol.errormsg.OFFlowModFailedErrorMsg;
import org.projectfloodlight.openflow.protocol.errormsg.OFGroupModFailedErrorMsg;
import org.projectfloodlight.openflow.protocol.errormsg.OFHelloFailedErrorMsg;
import org.projectfloodlight.openflow.protocol.errormsg.OFMeterModFailedErrorMsg;
import org.projectfloodlight.openflow.protocol.errormsg.OFPortModFailedErrorMsg;
import org.projectfloodlight.openflow.protocol.errormsg.OFRoleRequestFailedErrorMsg;
import org.projectfloodlight.openflow.protocol.errormsg.OFSwitchConfigFailedErrorMsg;
import org.projectfloodlight.openflow.protocol.errormsg.OFTableModFailedErrorMsg;

/** Human-readable names of OpenFlow errors, for logs and exception messages. */
public final class OFErrors {
  private OFErrors() {}

  /** "TYPE/CODE", for example "BAD_MATCH/BAD_PREREQ". */
  public static String describe(OFErrorMsg error) {
    return error.getErrType() + "/" + code(error);
  }

  /** The error's code name, for example "BAD_PREREQ"; "UNKNOWN" for an error type without named codes. */
  public static String code(OFErrorMsg error) {
    if (error instanceof OFBadRequestErrorMsg e) {
      return e.getCode().toString();
    } else if (error instanceof OFBadActionErrorMsg e) {
      return e.getCode().toString();
    } else if (error instanceof OFBadInstructionErrorMsg e) {
      return e.getCode().toString();
    } else if (error instanceof OFBadMatchErrorMsg e) {
      return e.getCode().toString();
    } else if (error instanceof OFFlowModFailedErrorMsg e) {
      return e.getCode().toString();
    } else if (error instanceof OFGroupModFailedErrorMsg e) {
      return e.getCode().toString();
    } else if (error instanceof OFMeterModFailedErrorMsg e) {
      return e.getCode().toString();
    } else if (error instanceof OFPortModFailedErrorMsg e) {
      return e.getCode().toString();
    } else if (error instanceof OFTableModFailedErrorMsg e) {
      return e.getCode().toString();
    } else if (error instanceof OFHelloFailedErrorMsg e) {
      return e.getCode().toString();
    } else if (error instanceof OFRoleRequestFailedErrorMsg e) {
      return e.getCode().toString();
    } else if (error instanceof OFSwitchConfigFailedErrorMsg e) {
      return e.getCode().toString();
    }
    return "UNKNOWN";
  }
}
