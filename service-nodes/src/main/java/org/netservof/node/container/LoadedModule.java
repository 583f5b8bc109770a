package org.netservof.node.container;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.netservof.node.api.ModuleContext;
import org.netservof.node.api.NetServModule;
import org.netservof.protocol.node.ChannelMessage;
import org.netservof.protocol.node.ReportLimits;

/** A module running in a container, with its counters (written by the packet thread, read by others). */
final class LoadedModule {
  final String name;
  final NetServModule module;
  final ModuleClassLoader loader;
  /** Its listening sockets, closed when it is retired (kept across updates). */
  final ModuleSockets sockets;
  /** What the module sees; replaced when an update brings new properties (packet thread). */
  volatile ModuleContext context;
  /** What it may publish (guarded by itself). */
  final ReportLimits reports = new ReportLimits();
  final AtomicLong in = new AtomicLong();
  final AtomicLong out = new AtomicLong();
  final AtomicLong dropped = new AtomicLong();
  final AtomicLong emitted = new AtomicLong();
  final AtomicLong errors = new AtomicLong();
  final AtomicLong overruns = new AtomicLong();
  final AtomicLong nanos = new AtomicLong();
  volatile boolean loaded = true;
  volatile String status = "running";
  /** Failures in the current window (packet thread only). */
  long windowStart = Long.MIN_VALUE / 2;
  int windowFailures;

  LoadedModule(String name, NetServModule module, ModuleClassLoader loader, ModuleSockets sockets) {
    this.name = name;
    this.module = module;
    this.loader = loader;
    this.sockets = sockets;
  }

  ChannelMessage.ModuleStats stats() {
    Map<String, Object> report;
    try {
      report = loaded ? module.report() : Map.of();
    } catch (RuntimeException e) {
      report = Map.of("error", String.valueOf(e));
    }
    return new ChannelMessage.ModuleStats(name, in.get(), out.get(), dropped.get(), emitted.get(), errors.get(),
        overruns.get(), nanos.get(), loaded, status, report);
  }
}
