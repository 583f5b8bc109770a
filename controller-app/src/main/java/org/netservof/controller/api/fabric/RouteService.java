package org.netservof.controller.api.fabric;

import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import org.netservof.policy.fabric.Path;
import org.netservof.policy.fabric.SwitchPort;
import org.projectfloodlight.openflow.types.MacAddress;

/** Routes that other modules ask the forwarding module to install ahead of traffic. */
public interface RouteService {

  /**
   * Installs the route frames from {@code src} to {@code dst} take when they enter the fabric at
   * {@code from} (an edge or service port), confirmed on every switch. The route is tracked like any other:
   * it goes when it idles out or when a link, switch or host it depends on goes.
   *
   * @param tag the VLAN id the frames carry when they enter (a node container's mark), popped at once
   * @return the path, or empty when {@code dst} is not a known host or cannot be reached
   */
  CompletableFuture<Optional<Path>> installRoute(SwitchPort from, OptionalInt tag, MacAddress src, MacAddress dst);
}
