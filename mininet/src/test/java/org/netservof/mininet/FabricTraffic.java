package org.netservof.mininet;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.netservof.controller.launcher.Controller;

/**
 * What the steering tests send through a Mininet fabric and read back: UDP from h1 to h2 counted where h2
 * receives it, the packets a user's NetMonitor on a node counted, and the steering entries and meters a switch
 * holds.
 */
final class FabricTraffic {
  static final String USER_HOST = "10.0.0.2";

  private FabricTraffic() {}

  /** Sends flows x packets of UDP from h1 to h2's port (each flow its own source port) and answers how many arrived. */
  static int udp(MininetNetwork net, int port, int flows, int packets, int sportBase) throws Exception {
    JsonNode out = net.command(Duration.ofMinutes(2), "udp", Map.of("src", "h1", "dst", "h2", "dport", port,
        "flows", flows, "packets", packets, "sport_base", sportBase, "ports", String.valueOf(port)));
    return out.get("received").get(String.valueOf(port)).get("packets").asInt();
  }

  /** The packets the user's NetMonitor on the node reported last, 0 while it does not run there. */
  static long netMonitorPackets(Controller controller, String node, String user) {
    return ServiceNodes.module(controller, node, user, "NetMonitor_1.0")
        .map(m -> ((Number) m.report().get("packets")).longValue()).orElse(0L);
  }

  /**
   * The switch's entries that steering wrote for services and nodes, as Open vSwitch prints them: all but the
   * edge guards, which drop tagged frames at host ports whatever runs.
   */
  static List<String> steeringEntries(MininetNetwork net, String sw) throws Exception {
    List<String> out = new ArrayList<>();
    net.command(ServiceNodes.WAIT, "flows", Map.of("switch", sw)).get("flows").forEach(f -> {
      if (SteeringIT.isSteeringEntry(f.asText()) && !SteeringIT.isEdgeGuard(f.asText())) {
        out.add(f.asText());
      }
    });
    return out;
  }

  /** The switch's meters, as Open vSwitch prints them. */
  static String meters(MininetNetwork net, String sw) {
    try {
      return net.command(ServiceNodes.WAIT, "meters", Map.of("switch", sw)).toString();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
