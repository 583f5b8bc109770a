package org.netservof.modules.cdn;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** What ActiveCDN counts for its report; each counter is updated by many connection threads. */
final class CdnCounters {
  final LongAdder hits = new LongAdder();
  final LongAdder misses = new LongAdder();
  final LongAdder originErrors = new LongAdder();
  final LongAdder refused = new LongAdder();
  final LongAdder overloaded = new LongAdder();
  final LongAdder timedOut = new LongAdder();
  final LongAdder acceptErrors = new LongAdder();

  Map<String, Object> asMap() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("hits", hits.sum());
    out.put("misses", misses.sum());
    out.put("origin-errors", originErrors.sum());
    out.put("refused-requests", refused.sum());
    out.put("refused-connections", overloaded.sum());
    out.put("timed-out-connections", timedOut.sum());
    out.put("accept-errors", acceptErrors.sum());
    return out;
  }
}
