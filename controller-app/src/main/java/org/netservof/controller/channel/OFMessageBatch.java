package org.netservof.controller.channel;

import java.util.List;
import org.projectfloodlight.openflow.protocol.OFMessage;

/** Messages written together: the encoder puts them in one buffer, so a batch costs one write. */
public record OFMessageBatch(List<OFMessage> messages) {
  public OFMessageBatch {
    messages = List.copyOf(messages);
  }
}
