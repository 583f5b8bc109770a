package org.netservof.mininet;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.netservof.policy.layout.ControllerMeter;

/** What the flood tests read: the controller's heap (it runs in the test's JVM) and a switch's meters. */
final class FloodChecks {
  /** Heap the controller may keep after a flood beyond what it held before, after a collection. */
  static final long HEAP_GROWTH_BOUND = 64L << 20;
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final Pattern BAND_PACKETS = Pattern.compile("^0: packet_count:(\\d+)");

  private FloodChecks() {}

  /** Bytes of heap in use after a full collection. */
  static long usedHeapAfterCollection() {
    System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  /** The switch's meters as {@code ovs-ofctl dump-meters} lists them. */
  static List<String> meters(MininetNetwork net, String sw) throws Exception {
    return lines(net.command(WAIT, "meters", Map.of("switch", sw)).get("meters"));
  }

  /** Packets the drop band of a controller meter on a switch dropped, from {@code ovs-ofctl meter-stats}. */
  static long meterDropped(MininetNetwork net, String sw, ControllerMeter meter) throws Exception {
    List<String> stats = lines(net.command(WAIT, "meter_stats", Map.of("switch", sw)).get("stats"));
    for (int i = 0; i + 1 < stats.size(); i++) {
      Matcher band = BAND_PACKETS.matcher(stats.get(i + 1).trim());
      if (stats.get(i).startsWith("meter:" + meter.id() + " ") && band.find()) {
        return Long.parseLong(band.group(1));
      }
    }
    throw new AssertionError("no statistics of meter " + meter.id() + " on " + sw + ": " + stats);
  }

  private static List<String> lines(JsonNode array) {
    return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
  }
}
