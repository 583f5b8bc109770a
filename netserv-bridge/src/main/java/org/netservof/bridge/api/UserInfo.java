package org.netservof.bridge.api;

import java.util.List;

/**
 * A signaling user as the API shows it: policy and usage, never keys.
 *
 * @param grants the filters the user may steer within, as filter text
 * @param maxRateKbps the cap on the user's steered traffic, 0 for none
 * @param services the user's services now, by steering id
 * @param listenPorts what the user's modules may listen on at a node's service address ({@code udp:3478})
 */
public record UserInfo(String name, List<String> grants, int maxServices, int maxRateKbps, List<Integer> services,
    List<String> listenPorts) {
  public UserInfo {
    grants = List.copyOf(grants);
    listenPorts = List.copyOf(listenPorts);
    services = List.copyOf(services);
  }
}
