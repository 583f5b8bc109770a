package org.netservof.controller.channel;

import org.projectfloodlight.openflow.protocol.OFBadRequestCode;
import org.projectfloodlight.openflow.protocol.OFErrorMsg;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.types.OFErrorCauseData;

/**
 * A frame whose header was sound but whose body Loxi could not read. The connection survives (the frame
 * length is known); the switch gets an error naming the message.
 *
 * @param version the header's version byte
 * @param type the header's type byte
 * @param xid the header's transaction id
 * @param head the first bytes of the frame (at most 64), echoed in the error reply as the spec asks
 * @param reason what the parser said
 */
public record MalformedMessage(int version, int type, long xid, byte[] head, String reason) {

  /**
   * The error that answers this message: BAD_VERSION when its version is not the connection's, BAD_TYPE
   * when the type is unknown to that version, BAD_LEN otherwise (the body did not fit its type).
   */
  public OFErrorMsg errorReply(OFFactory factory) {
    OFBadRequestCode code;
    if (version != factory.getVersion().getWireVersion()) {
      code = OFBadRequestCode.BAD_VERSION;
    } else if (reason.contains("discriminator type")) {
      code = OFBadRequestCode.BAD_TYPE;
    } else {
      code = OFBadRequestCode.BAD_LEN;
    }
    return factory.errorMsgs().buildBadRequestErrorMsg()
        .setXid(xid)
        .setCode(code)
        .setData(OFErrorCauseData.of(head, factory.getVersion()))
        .build();
  }

  @Override
  public String toString() {
    return "MalformedMessage[version=" + version + ", type=" + type + ", xid=" + xid + ", reason=" + reason + "]";
  }
}
