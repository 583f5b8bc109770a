package org.netservof.node.api;

import java.util.Map;

/**
 * A packet-processing module. A module JAR names its class in the manifest attribute
 * {@code NetServ-Module}; the class needs a public no-argument constructor. A module that throws, or
 * overruns its time budget too often, is unloaded without taking its container down.
 */
public interface NetServModule {

  /** Called once before the first packet; the properties come from the install request. */
  default void start(ModuleContext context) throws Exception {}

  /**
   * Sees one packet. The packet may be changed in place; {@link ModuleContext#emit} sends new ones.
   *
   * @return whether the packet goes on
   */
  Verdict process(Packet packet, ModuleContext context);

  /**
   * Called on the packet thread's side (never during {@link #process}) when the publisher's SETUP of this
   * running module brings new properties; {@code context.properties()} returns the new ones. The default
   * restarts the module object ({@code stop(); start(context)}) so modules written before this call keep
   * working; a module that overrides it applies the properties live (its counters carry on).
   */
  default void update(ModuleContext context) throws Exception {
    stop();
    start(context);
  }

  /** Called once when the module is removed or unloaded. */
  default void stop() {}

  /** What the module has to say (counters, tables), for people and the controller. */
  default Map<String, Object> report() {
    return Map.of();
  }
}
