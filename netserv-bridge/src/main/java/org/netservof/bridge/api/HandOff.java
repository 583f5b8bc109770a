package org.netservof.bridge.api;

import java.util.Objects;

/**
 * A deployment's install on a node whose agent another member of the cluster holds: the member that took
 * the request writes it PENDING into the deployment; the holder installs the module and writes the outcome,
 * which the requesting member waits for. Written only in a cluster.
 *
 * @param member the instance id of the member that holds the node's connection and installs there
 * @param detail what happened, for people ("installing at member c2", the node's reason for a failure)
 */
public record HandOff(String member, State state, String detail) {

  /** Where the install is. */
  public enum State { PENDING, INSTALLED, FAILED }

  public HandOff {
    Objects.requireNonNull(member, "member");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(detail, "detail");
  }
}
