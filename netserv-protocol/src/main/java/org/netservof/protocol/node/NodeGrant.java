package org.netservof.protocol.node;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * One user's grants as the node channel carries them, in one list of entries ({@link ChannelMessage.Grants}):
 * the {@code listen-ports} entries as they are ({@code tcp:8080}), and the {@code connect-to} entries after
 * {@value #CONNECT} ({@code connect:10.0.0.0/24:80}). An agent that predates connect-to refuses the whole map and
 * grants nothing, which fails closed.
 */
public record NodeGrant(ListenGrant listen, ConnectGrant connect) {
  public static final String CONNECT = "connect:";
  public static final NodeGrant NONE = new NodeGrant(ListenGrant.NONE, ConnectGrant.NONE);

  /**
   * Reads the channel's entries; null is none.
   *
   * @throws IllegalArgumentException naming an entry that is neither grant
   */
  public static NodeGrant parse(List<String> entries) {
    if (entries == null) {
      return NONE;
    }
    List<String> listen = new ArrayList<>();
    List<String> connect = new ArrayList<>();
    for (String entry : entries) {
      if (entry != null && entry.startsWith(CONNECT)) {
        connect.add(entry.substring(CONNECT.length()));
      } else {
        listen.add(entry);
      }
    }
    return new NodeGrant(ListenGrant.parse(listen), ConnectGrant.parse(connect));
  }

  /** The entries as the channel spells them. */
  public List<String> entries() {
    return Stream.concat(listen.entries().stream(), connect.entries().stream().map(e -> CONNECT + e)).toList();
  }
}
