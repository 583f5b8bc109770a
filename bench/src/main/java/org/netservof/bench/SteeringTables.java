package org.netservof.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.netservof.controller.testing.Processes;
import org.netservof.policy.layout.Cookie;
import org.netservof.policy.layout.CookieOwner;
import org.netservof.policy.steering.SteeringLayout;
import org.projectfloodlight.openflow.types.U64;

/**
 * Steering's entries and groups on a set of Open vSwitch bridges, read, wiped and written with {@code ovs-ofctl}
 * behind the controller's back: what a switch holds is compared without counters ({@code --no-stats}), so an entry
 * left in place and one written again read the same.
 */
final class SteeringTables {
  private static final String STEERING_COOKIES = "cookie=0x" + Long.toHexString(
      (long) CookieOwner.STEERING.code() << 56) + "/0x" + Long.toHexString(Cookie.ownerMask().getValue());
  private static final String GROUP = "group_id=";
  private final List<String> bridges;

  /** @param bridges the bridges' names, as Open vSwitch knows them */
  SteeringTables(List<String> bridges) {
    this.bridges = List.copyOf(bridges);
  }

  /** Each bridge's steering entries and groups now, sorted, without counters. */
  Map<String, List<String>> read() {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (String br : bridges) {
      List<String> entries = new ArrayList<>();
      for (String line : ofctl("dump-flows", br, "--no-stats").split("\n")) {
        if (isSteering(line.trim())) {
          entries.add(line.trim());
        }
      }
      for (String line : ofctl("dump-groups", br).split("\n")) {
        if (isSteeringGroup(line.trim())) {
          entries.add(line.trim());
        }
      }
      entries.sort(null);
      out.put(br, entries);
    }
    return out;
  }

  /**
   * Deletes every steering entry and every group from every bridge (in these benchmarks only steering writes
   * groups), as a switch restart would; meters stay.
   */
  void wipe() {
    for (String br : bridges) {
      ofctl("del-flows", br, STEERING_COOKIES);
      ofctl("del-groups", br);
    }
  }

  /**
   * Writes what {@link #read} answered back with {@code ovs-ofctl add-groups} and {@code add-flows}, one file of
   * each per bridge; answers the time it took.
   */
  double writeMillis(Map<String, List<String>> tables, Path work) throws IOException {
    List<String[]> commands = new ArrayList<>();
    for (Map.Entry<String, List<String>> e : tables.entrySet()) {
      Path groups = work.resolve("groups-" + e.getKey() + ".txt");
      Path flows = work.resolve("flows-" + e.getKey() + ".txt");
      Files.write(groups, e.getValue().stream().filter(l -> l.startsWith(GROUP)).toList());
      Files.write(flows, e.getValue().stream().filter(l -> !l.startsWith(GROUP)).toList());
      commands.add(new String[] {"add-groups", e.getKey(), groups.toString()});
      commands.add(new String[] {"add-flows", e.getKey(), flows.toString()});
    }
    long began = System.nanoTime();
    commands.forEach(SteeringTables::ofctl);
    return (System.nanoTime() - began) / 1e6;
  }

  private static String ofctl(String... args) {
    List<String> command = new ArrayList<>(List.of("ovs-ofctl", "-O", "OpenFlow13"));
    command.addAll(List.of(args));
    return Processes.run(command.toArray(String[]::new));
  }

  /** Entries per bridge, for a report's note. */
  static String sizes(Map<String, List<String>> tables) {
    List<String> out = new ArrayList<>();
    tables.forEach((br, entries) -> out.add(br + "=" + entries.size()));
    return String.join(", ", out);
  }

  /** Steering's groups: {@link SteeringLayout#GROUP_BASE} + service id. */
  private static boolean isSteeringGroup(String line) {
    if (!line.startsWith(GROUP)) {
      return false;
    }
    int end = line.indexOf(',');
    long id = Long.parseLong(line.substring(GROUP.length(), end < 0 ? line.length() : end));
    return (id & 0xF000_0000L) == SteeringLayout.GROUP_BASE;
  }

  private static boolean isSteering(String entry) {
    if (!entry.startsWith("cookie=0x")) {
      return false;
    }
    int end = entry.indexOf(',');
    Optional<CookieOwner> owner = Cookie.ownerOf(U64.of(Long.parseUnsignedLong(entry.substring(9,
        end < 0 ? entry.length() : end), 16)));
    return owner.equals(Optional.of(CookieOwner.STEERING));
  }
}
