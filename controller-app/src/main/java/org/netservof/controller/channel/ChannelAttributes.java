package org.netservof.controller.channel;

import io.netty.channel.Channel;
import io.netty.util.AttributeKey;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.types.DatapathId;

/** What the handlers of one switch connection learn and share: set once, read by later handlers. */
public final class ChannelAttributes {
  /** The factory of the negotiated version; absent until HELLO is negotiated. */
  public static final AttributeKey<OFFactory> FACTORY = AttributeKey.valueOf("netservof.factory");
  /** The switch's DPID; absent until FEATURES_REPLY. */
  public static final AttributeKey<DatapathId> DPID = AttributeKey.valueOf("netservof.dpid");
  /** Why the connection ends, in the user's words: the first reason given wins. */
  private static final AttributeKey<String> CLOSE_CAUSE = AttributeKey.valueOf("netservof.close-cause");

  private ChannelAttributes() {}

  /** A name for log lines: the DPID when known, else the remote address. */
  public static String describe(Channel channel) {
    DatapathId id = channel.attr(DPID).get();
    return id != null ? id.toString() : String.valueOf(channel.remoteAddress());
  }

  /**
   * Records why the connection ends, for the one line that logs its end; answers whether this was the first
   * reason given (later ones are consequences: writes failing on the closed socket and the like).
   */
  public static boolean closing(Channel channel, String cause) {
    return channel.attr(CLOSE_CAUSE).setIfAbsent(cause) == null;
  }

  /** Why the connection ended, as first recorded; "closed" when nothing failed (the controller closed it). */
  public static String closeCause(Channel channel) {
    String cause = channel.attr(CLOSE_CAUSE).get();
    return cause != null ? cause : "closed";
  }
}
