package org.netservof.controller.core;

import org.projectfloodlight.openflow.protocol.OFMessage;

/**
 * The last messages written to a switch, for the errors that may refer to them: a ring of arrays, so that
 * remembering one (twice per PacketIn answered) allocates nothing, where a map by xid allocated a boxed key
 * and an entry and relinked an old-generation structure each time. Looking one up scans the window, newest
 * first; errors are rare and the window small. Confined to the connection's event loop.
 */
final class RecentWrites {
  private final long[] xids;
  private final OFMessage[] messages;
  private int next;

  /** @param window how many messages are kept; 0 keeps none */
  RecentWrites(int window) {
    xids = new long[window];
    messages = new OFMessage[window];
  }

  void remember(OFMessage message) {
    if (messages.length == 0) {
      return;
    }
    xids[next] = message.getXid();
    messages[next] = message;
    next = next + 1 == messages.length ? 0 : next + 1;
  }

  /** The most recent message written with {@code xid} still in the window, or null. */
  OFMessage find(long xid) {
    for (int i = 1; i <= messages.length; i++) {
      int at = Math.floorMod(next - i, messages.length);
      if (messages[at] == null) {
        return null; // never filled this far
      }
      if (xids[at] == xid) {
        return messages[at];
      }
    }
    return null;
  }
}
