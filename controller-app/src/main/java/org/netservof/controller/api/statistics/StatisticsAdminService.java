package org.netservof.controller.api.statistics;

/** Turns the statistics collector on and off (Floodlight's {@code /wm/statistics/config/enable|disable}). */
public interface StatisticsAdminService {

  /**
   * Starts or stops reading port counters. Idempotent. Stopping forgets what was measured, so a later
   * start never computes a rate across the time collection was off.
   */
  void collect(boolean on);
}
