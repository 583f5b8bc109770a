package org.netservof.controller.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.config.MeterFilterReply;

/**
 * Renames the two JVM binder meters whose Prometheus names {@code promtool check metrics} refuses: the process's
 * CPU time in nanoseconds ({@code process_cpu_time_ns_total}: "abbreviated units"), replaced by Prometheus's own
 * {@code process_cpu_seconds_total} in {@link MetricsModule}, and a gauge named {@code system_cpu_count} (a
 * {@code _count} suffix belongs to histograms and summaries), exported as {@code system_cpus}.
 */
final class PromtoolLint implements MeterFilter {
  static final String CPU_TIME = "process.cpu.time";

  @Override
  public Meter.Id map(Meter.Id id) {
    return id.getName().equals("system.cpu.count") ? id.withName("system.cpus") : id;
  }

  @Override
  public MeterFilterReply accept(Meter.Id id) {
    return id.getName().equals(CPU_TIME) ? MeterFilterReply.DENY : MeterFilterReply.NEUTRAL;
  }
}
