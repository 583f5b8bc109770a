package org.netservof.controller.channel;

import io.netty.util.AttributeKey;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.types.DatapathId;

/** What the handlers of one switch connection learn and share: set once, read by later handlers. */
public final class ChannelAttributes {
  /** The factory of the negotiated version; absent until HELLO is negotiated. */
  public static final AttributeKey<OFFactory> FACTORY = AttributeKey.valueOf("netservof.factory");
  /** The switch's DPID; absent until FEATURES_REPLY. */
  public static final AttributeKey<DatapathId> DPID = AttributeKey.valueOf("netservof.dpid");

  private ChannelAttributes() {}

  /** A name for log lines: the DPID when known, else the remote address. */
  public static String describe(io.netty.channel.Channel channel) {
    DatapathId id = channel.attr(DPID).get();
    return id != null ? id.toString() : String.valueOf(channel.remoteAddress());
  }
}
