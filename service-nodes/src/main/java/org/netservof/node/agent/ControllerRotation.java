package org.netservof.node.agent;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * The controllers a node agent may register with ({@code --controller A,B,C}: the node channels of a cluster's
 * members) and which one to try next: when the one it is registered with goes, the agent goes on to the next
 * at once, and backs off (doubling, up to 5 s) only once a whole round of them failed. Not thread-safe: the
 * agent's channel thread alone uses it.
 */
final class ControllerRotation {
  private static final long BETWEEN_MEMBERS_MILLIS = 200;
  private static final long FIRST_BACKOFF_MILLIS = 500;
  private static final long MAX_BACKOFF_MILLIS = 5000;

  private final List<InetSocketAddress> controllers;
  private int current;
  private int failedInRound;
  private long backoff = FIRST_BACKOFF_MILLIS;

  ControllerRotation(List<InetSocketAddress> controllers) {
    if (controllers.isEmpty()) {
      throw new IllegalArgumentException("at least one controller is needed");
    }
    this.controllers = List.copyOf(controllers);
  }

  /**
   * Reads {@code --controller}: one {@code HOST:PORT}, or several separated by commas.
   *
   * @throws IllegalArgumentException naming the entry that is not a {@code HOST:PORT}
   */
  static List<InetSocketAddress> parse(String text) {
    List<InetSocketAddress> out = new ArrayList<>();
    for (String entry : text.split(",")) {
      String e = entry.trim();
      int colon = e.lastIndexOf(':');
      int port;
      try {
        port = colon < 1 ? -1 : Integer.parseInt(e.substring(colon + 1));
      } catch (NumberFormatException ex) {
        port = -1;
      }
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException("--controller entry '" + e + "' is not HOST:PORT (a node-listen address)");
      }
      String host = e.substring(0, colon);
      out.add(InetSocketAddress.createUnresolved(host.startsWith("[") ? host.substring(1, host.length() - 1) : host,
          port));
    }
    return out;
  }

  /** The controller to connect to now. */
  InetSocketAddress current() {
    return controllers.get(current);
  }

  /** Registered with the current controller: the next failure starts a fresh round. */
  void registered() {
    failedInRound = 0;
    backoff = FIRST_BACKOFF_MILLIS;
  }

  /**
   * The current controller failed (refused the connection, closed it, went silent): moves on to the next one.
   *
   * @return how long to wait before connecting to it
   */
  long failed() {
    current = (current + 1) % controllers.size();
    failedInRound++;
    if (failedInRound < controllers.size()) {
      return BETWEEN_MEMBERS_MILLIS;
    }
    failedInRound = 0;
    long wait = backoff;
    backoff = Math.min(backoff * 2, MAX_BACKOFF_MILLIS);
    return wait;
  }
}
