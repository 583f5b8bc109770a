package org.netservof.modules.ratemonitor;

import java.util.Map;
import org.netservof.node.api.ModuleProperties;

/**
 * The incoming rates (packets a second) at which RateMonitor reports {@code warn} and {@code alarm}; warn
 * may not be above alarm.
 */
record RateThresholds(long warn, long alarm) {
  static final long DEFAULT_ALARM = 1000;
  static final double HYSTERESIS = 0.9;

  RateThresholds {
    if (warn > alarm) {
      throw new IllegalArgumentException("property warn (" + warn + ") must not be above alarm (" + alarm + ")");
    }
  }

  /** The thresholds in {@code properties}: alarm defaults to 1000, warn to half of alarm. */
  static RateThresholds of(Map<String, String> properties) {
    long alarm = ModuleProperties.positiveLong(properties, "alarm", DEFAULT_ALARM);
    return new RateThresholds(ModuleProperties.positiveLong(properties, "warn", Math.max(1, alarm / 2)), alarm);
  }

  /**
   * The state a rate of {@code packetsPerSecond} is in, coming from state {@code current}. A state is
   * entered at its threshold but left only below {@link #HYSTERESIS} of it, so a rate hovering at a
   * threshold (a slot leaving the window, the next filling it) does not flap between two states.
   */
  String stateOf(double packetsPerSecond, String current) {
    if (packetsPerSecond >= alarm || current.equals("alarm") && packetsPerSecond >= alarm * HYSTERESIS) {
      return "alarm";
    }
    boolean staysWarn = !current.equals("normal") && packetsPerSecond >= warn * HYSTERESIS;
    return packetsPerSecond >= warn || staysWarn ? "warn" : "normal";
  }
}
