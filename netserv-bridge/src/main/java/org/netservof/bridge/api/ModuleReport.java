package org.netservof.bridge.api;

import java.time.Instant;
import java.util.Map;

/**
 * The latest report a module published on one node for its publisher (the module's {@code publish}); kept per
 * (node, user, module), the newest replacing the one before.
 *
 * @param report the module's JSON values, at most {@link org.netservof.protocol.node.ReportLimits#MAX_BYTES}
 * @param at when the controller received it
 */
public record ModuleReport(String nodeId, String user, String module, Map<String, Object> report, Instant at) {
  public ModuleReport {
    if (nodeId == null || user == null || module == null || report == null || at == null) {
      throw new NullPointerException("a module report needs its node, user, module, report and time");
    }
  }
}
