package org.netservof.bridge.signaling;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;
import org.netservof.protocol.signaling.Method;

/**
 * {@code netserv_signaling_requests_total{method,outcome}}: every request this domain answered, by method (SETUP,
 * REMOVE, PROBE, or other: TRIGGER and requests too malformed to have one) and {@link SignalOutcome}. All counters
 * exist from the start (a rate over a series that appears late misses its first increase). Thread-safe.
 */
final class SignalingMeters {
  /** The method label of a request that has no readable method. */
  static final String OTHER = "other";
  private final Map<SignalOutcome, Map<String, Counter>> counters = new EnumMap<>(SignalOutcome.class);

  SignalingMeters(MeterRegistry registry) {
    for (SignalOutcome outcome : SignalOutcome.values()) {
      Map<String, Counter> byMethod = new java.util.HashMap<>();
      for (String method : new String[] {"SETUP", "REMOVE", "PROBE", OTHER}) {
        byMethod.put(method, Counter.builder("netserv.signaling.requests")
            .description("Signaling requests this domain answered, by method and outcome").tag("method", method)
            .tag("outcome", outcome.label()).register(registry));
      }
      counters.put(outcome, Map.copyOf(byMethod));
    }
  }

  void count(Method method, SignalOutcome outcome) {
    String label = switch (method) {
      case SETUP, REMOVE, PROBE -> method.name();
      default -> OTHER;
    };
    counters.get(outcome).get(label).increment();
  }

  /** A request too malformed to name its method. */
  void malformed() {
    counters.get(SignalOutcome.MALFORMED).get(OTHER).increment();
  }
}
