package org.netservof.bridge.nodes;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.netservof.bridge.api.AgentListener;
import org.netservof.bridge.api.ModuleReport;
import org.netservof.controller.util.RepeatedFailures;
import org.netservof.protocol.node.ChannelMessage;
import org.netservof.protocol.node.ReportLimits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * What modules publish for their publishers: the latest report per (node, user, module), told to the listeners
 * (the event stream, notifications). A node may only speak for modules this controller installed there, and a
 * report over {@link ReportLimits#MAX_BYTES} is refused here too, and each (node, user, module) is held to
 * {@link ReportLimits} again (the agent rate-limits and caps before the channel; a node is authenticated, not
 * trusted to have done so); for a module already seen, before the costly check that it is installed there. A
 * removed module's report goes with it.
 */
final class PublishedReports {
  private static final Logger log = LoggerFactory.getLogger(PublishedReports.class);
  private final RepeatedFailures refusals = RepeatedFailures.of(log, Level.WARN);
  private final InstalledModules installed;
  private final Clock clock;
  private final List<AgentListener> listeners;
  private final Map<String, ModuleReport> latest = new ConcurrentHashMap<>();
  private final Map<String, ReportLimits> limits = new ConcurrentHashMap<>();

  PublishedReports(InstalledModules installed, Clock clock, List<AgentListener> listeners) {
    this.installed = installed;
    this.clock = clock;
    this.listeners = listeners;
  }

  /** A report from a registered node: kept and told when its user runs the module there, else dropped. */
  void received(String nodeId, ChannelMessage.ModuleReport r) {
    Optional<String> refused = refusal(nodeId, r);
    if (refused.isPresent()) {
      refusals.report(List.of(nodeId, String.valueOf(r.user())), null, "node {} sent a report of {} for {}: {}; "
          + "dropped", nodeId, r.module(), r.user(), refused.get());
      return;
    }
    ModuleReport report = new ModuleReport(nodeId, r.user(), r.module(), r.report(), clock.instant());
    latest.put(key(nodeId, r.user(), r.module()), report);
    listeners.forEach(l -> l.moduleReported(report));
  }

  private Optional<String> refusal(String nodeId, ChannelMessage.ModuleReport r) {
    if (r.user() == null || r.module() == null) {
      return Optional.of("a report that names no user or module");
    }
    String key = key(nodeId, r.user(), r.module());
    ReportLimits seen = limits.get(key);
    Optional<String> over = seen == null ? Optional.empty() : limited(seen, r);
    if (over.isPresent()) {
      return over;
    }
    if (!installed.runs(nodeId, r.user(), r.module())) {
      return Optional.of("a module this controller did not install there");
    }
    return seen == null ? limited(limits.computeIfAbsent(key, k -> new ReportLimits()), r) : Optional.empty();
  }

  private Optional<String> limited(ReportLimits limit, ChannelMessage.ModuleReport r) {
    synchronized (limit) {
      return limit.refuse(r.report(), clock.millis() * 1_000_000L);
    }
  }

  /** The latest report of the user's module from each node, by node id. */
  Map<String, ModuleReport> latest(String user, String module) {
    Map<String, ModuleReport> out = new TreeMap<>();
    latest.values().stream().filter(r -> r.user().equals(user) && r.module().equals(module))
        .forEach(r -> out.put(r.nodeId(), r));
    return out;
  }

  void forget(String nodeId, String user, String module) {
    latest.remove(key(nodeId, user, module));
    limits.remove(key(nodeId, user, module));
  }

  private static String key(String nodeId, String user, String module) {
    return nodeId + "/" + user + "/" + module;
  }
}
