package org.netservof.controller.api;

import java.util.List;
import java.util.Map;
import org.projectfloodlight.openflow.protocol.OFErrorMsg;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.types.DatapathId;

/**
 * The switch refused one or more messages. Carries every error with the message it answers, so a caller
 * can say precisely what was refused.
 */
public final class OFErrorException extends Exception {
  private final DatapathId switchId;
  private final transient List<Map.Entry<OFMessage, OFErrorMsg>> errors;

  public OFErrorException(DatapathId switchId, List<Map.Entry<OFMessage, OFErrorMsg>> errors) {
    super(describe(switchId, errors));
    this.switchId = switchId;
    this.errors = List.copyOf(errors);
  }

  public DatapathId switchId() {
    return switchId;
  }

  /** Each refused message with the error the switch sent for it. */
  public List<Map.Entry<OFMessage, OFErrorMsg>> errors() {
    return errors;
  }

  private static String describe(DatapathId id, List<Map.Entry<OFMessage, OFErrorMsg>> errors) {
    StringBuilder text = new StringBuilder("switch ").append(id).append(" refused ")
        .append(errors.size()).append(errors.size() == 1 ? " message" : " messages");
    for (Map.Entry<OFMessage, OFErrorMsg> e : errors) {
      text.append("; ").append(e.getKey().getType()).append(" xid=").append(e.getKey().getXid())
          .append(": ").append(OFErrors.describe(e.getValue()));
    }
    return text.toString();
  }
}
