package org.netservof.node.agent;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.netservof.protocol.node.ChannelMessage;
import org.netservof.protocol.node.ContainerMessage;
import org.netservof.protocol.node.ReportLimits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's gate on what containers publish, before it takes the controller's channel: a container is not
 * trusted to have applied its own {@link ReportLimits}, so the agent applies them again per (user, module), and
 * only to modules the container is known to run (a container cannot speak for another user or a module it
 * does not have).
 */
final class ModuleReports {
  private static final Logger log = LoggerFactory.getLogger(ModuleReports.class);
  private final Map<String, ReportLimits> limits = new ConcurrentHashMap<>();

  /** The message to send the controller for a container's report, or empty when it is refused (logged). */
  Optional<ChannelMessage> admit(String user, Set<String> running, ContainerMessage.Report report, long nowNanos) {
    if (report.module() == null || !running.contains(report.module())) {
      log.warn("the container of {} published for {}, which it does not run: dropped", user, report.module());
      return Optional.empty();
    }
    ReportLimits gate = limits.computeIfAbsent(user + "/" + report.module(), k -> new ReportLimits());
    Optional<String> refused;
    synchronized (gate) {
      refused = gate.refuse(report.report(), nowNanos);
    }
    if (refused.isPresent()) {
      if (Long.bitCount(gate.dropped()) == 1) { // 1st, 2nd, 4th, 8th... drop: a flood does not flood the log
        log.warn("report of {} for {} dropped ({} so far): {}", report.module(), user, gate.dropped(),
            refused.get());
      }
      return Optional.empty();
    }
    return Optional.of(new ChannelMessage.ModuleReport(user, report.module(), report.report()));
  }

  /** Drops a removed module's limits. */
  void forget(String user, String module) {
    limits.remove(user + "/" + module);
  }
}
