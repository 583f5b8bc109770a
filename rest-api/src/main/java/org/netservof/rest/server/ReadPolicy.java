package org.netservof.rest.server;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.netservof.controller.api.HostPort;

/**
 * Whether reads need an operator's token. The audit log, the users' grants, the hosts and the event stream
 * are for operators: off loopback, anyone who can reach the port could read them, so there reads need a token
 * whatever {@code rest-reads-need-token} says; on loopback the setting decides.
 */
final class ReadPolicy {
  private ReadPolicy() {}

  static boolean readsNeedToken(HostPort listen, boolean configured) {
    return configured || !isLoopback(listen.host());
  }

  /** A host this machine alone can reach; a name that does not resolve is taken as reachable from outside. */
  static boolean isLoopback(String host) {
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
