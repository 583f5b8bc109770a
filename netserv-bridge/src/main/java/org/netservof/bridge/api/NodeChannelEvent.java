package org.netservof.bridge.api;

import java.time.Instant;

/**
 * Something the node channel decided about a node's identity that an operator should see: a registration
 * refused (unknown id, wrong token, an attachment the configuration does not confirm, a live id claimed), a
 * live node replaced because it stopped answering, or a node's own description overruled by the
 * configuration.
 *
 * @param nodeId the id the node registered under, as it sent it
 * @param address where the registration came from ({@code IP:PORT})
 * @param detail what happened, in words
 */
public record NodeChannelEvent(Instant at, Type type, String nodeId, String address, String detail) {

  /** What kind of decision. */
  public enum Type {
    /** A registration was refused. */
    REFUSED,
    /** A live node did not answer a ping and a new registration under its id replaced it. */
    REPLACED,
    /** The node described itself (pool, weight) otherwise than the configuration; the configuration won. */
    OVERRULED
  }

  public NodeChannelEvent {
    if (at == null || type == null || nodeId == null || address == null || detail == null) {
      throw new NullPointerException("a node channel event needs at, type, nodeId, address and detail");
    }
  }
}
