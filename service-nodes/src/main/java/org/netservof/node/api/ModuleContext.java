package org.netservof.node.api;

import java.util.Map;

/** What a module gets from its container. */
public interface ModuleContext {

  /** The {@code properties} of the install request ({@code key=value} pairs). */
  Map<String, String> properties();

  /** Sends a new packet into the network (a reply, say), after the packet being processed. */
  void emit(Packet packet);

  /** A monotonic clock in nanoseconds; tests move it by hand. */
  long nanoTime();
}
