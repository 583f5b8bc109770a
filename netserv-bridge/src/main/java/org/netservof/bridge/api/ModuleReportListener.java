package org.netservof.bridge.api;

/** Told of each report a module publishes (after the node and size checks); must not block. */
@FunctionalInterface
public interface ModuleReportListener {
  void moduleReported(ModuleReport report);
}
