package org.netservof.bridge.api;

import java.util.List;
import java.util.Map;

/**
 * A user's container on a node, as its agent last reported it.
 *
 * @param vlan the mark its frames carry
 * @param memoryKb its resident memory
 * @param linkDownDrops frames dropped because the node's link was down
 */
public record ContainerView(String user, int vlan, boolean running, int restarts, long memoryKb, long packetsIn,
    long packetsOut, long linkDownDrops, List<Module> modules) {
  public ContainerView {
    modules = List.copyOf(modules);
  }

  /**
   * A module's counters.
   *
   * @param nanos time spent in the module's {@code process}
   * @param report what the module itself reports
   */
  public record Module(String name, long in, long out, long dropped, long emitted, long errors, long overruns,
      long nanos, boolean loaded, String status, Map<String, Object> report) {}
}
