package org.netservof.controller.core;

import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * What the core offers the cluster module: where its per-switch elections plug in, and the OpenFlow address
 * a member's default {@code instance-id} is made of. Provided by the core; used only by the cluster module.
 */
public interface SwitchArbitration {

  /** Puts an arbiter in charge of every switch that connects from now on; call before switches connect. */
  void arbitrate(SwitchArbiter arbiter);

  /** The address the OpenFlow socket is bound to, once the core has started accepting switches. */
  Optional<InetSocketAddress> openFlowAddress();
}
