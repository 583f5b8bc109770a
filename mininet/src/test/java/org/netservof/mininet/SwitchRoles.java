package org.netservof.mininet;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.netservof.controller.testing.Processes;

/**
 * The OpenFlow roles a bridge gave its controllers, as Open vSwitch itself reports them (the Controller
 * table's {@code role} and {@code is_connected} status columns): the switch's word, not a controller's.
 */
public final class SwitchRoles {
  private SwitchRoles() {}

  /** Each connected controller target of the bridge ({@code tcp:127.0.0.1:6653}) and its role (master, slave, other). */
  public static Map<String, String> of(String bridge) {
    Map<String, String> out = new LinkedHashMap<>();
    String uuids = Processes.run("ovs-vsctl", "get", "bridge", bridge, "controller").strip();
    for (String uuid : uuids.replaceAll("[\\[\\]]", "").split(",\\s*")) {
      if (uuid.isBlank()) {
        continue;
      }
      String[] row = Processes.run("ovs-vsctl", "get", "controller", uuid.strip(), "target", "role", "is_connected")
          .strip().split("\n");
      if (row.length == 3 && row[2].strip().equals("true")) {
        out.put(row[0].strip().replace("\"", ""), row[1].strip());
      }
    }
    return out;
  }

  /** The target the bridge has as its connected master, if one. */
  public static Optional<String> master(String bridge) {
    return of(bridge).entrySet().stream().filter(e -> e.getValue().equals("master")).map(Map.Entry::getKey)
        .findFirst();
  }
}
