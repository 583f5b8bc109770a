package org.netservof.controller.api.fabric;

import java.util.Optional;
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
   * @return the path, or empty when {@code dst} is not a known host or cannot be reached
   */
  CompletableFuture<Optional<Path>> installRoute(SwitchPort from, MacAddress src, MacAddress dst);
}
