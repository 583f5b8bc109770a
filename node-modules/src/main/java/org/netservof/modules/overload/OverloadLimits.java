package org.netservof.modules.overload;

import java.util.LinkedHashMap;
import java.util.Map;
import org.netservof.node.api.ModuleProperties;

/**
 * What Overload Control enforces, read from the module's properties: {@code rate} INVITE/REGISTER requests
 * a second (what the server asked for), {@code burst} at once (default: one second's worth, {@code rate}),
 * {@code retry-after} seconds told to the rejected senders, on the SIP port {@code sip-port}.
 */
record OverloadLimits(long rate, long burst, long retryAfter, int sipPort) {
  static final long DEFAULT_RATE = 100;
  static final long DEFAULT_RETRY_AFTER = 5;
  static final int DEFAULT_SIP_PORT = 5060;

  /** The limits in {@code properties}; a present but wrong value fails with a message naming it. */
  static OverloadLimits of(Map<String, String> properties) {
    long rate = ModuleProperties.positiveLong(properties, "rate", DEFAULT_RATE);
    return new OverloadLimits(rate, ModuleProperties.positiveLong(properties, "burst", rate),
        ModuleProperties.positiveLong(properties, "retry-after", DEFAULT_RETRY_AFTER),
        ModuleProperties.port(properties, "sip-port", DEFAULT_SIP_PORT));
  }

  /** The limits as the first entries of the module's report. */
  Map<String, Object> report() {
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("rate", rate);
    report.put("burst", burst);
    report.put("retry-after", retryAfter);
    report.put("sip-port", sipPort);
    return report;
  }
}
