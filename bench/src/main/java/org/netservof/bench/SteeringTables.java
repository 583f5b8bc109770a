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
import org.projectfloodlight.openflow.types.U64;

/**
 * Steering's entries on a set of Open vSwitch bridges, read, wiped and written with {@code ovs-ofctl} behind the
 * controller's back: what a switch holds is compared without counters ({@code --no-stats}), so an entry left in
 * place and one written again read the same.
 */
final class SteeringTables {
  private static final String STEERING_COOKIES = "cookie=0x" + Long.toHexString(
      (long) CookieOwner.STEERING.code() << 56) + "/0x" + Long.toHexString(Cookie.ownerMask().getValue());
  private final List<String> bridges;

  /** @param bridges the bridges' names, as Open vSwitch knows them */
  SteeringTables(List<String> bridges) {
    this.bridges = List.copyOf(bridges);
  }

  /** Each bridge's steering entries now, sorted, without counters. */
  Map<String, List<String>> read() {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (String br : bridges) {
      List<String> entries = new ArrayList<>();
      for (String line : Processes.run("ovs-ofctl", "-O", "OpenFlow13", "dump-flows", "--no-stats", br).split("\n")) {
        String entry = line.trim();
        if (isSteering(entry)) {
          entries.add(entry);
        }
      }
      entries.sort(null);
      out.put(br, entries);
    }
    return out;
  }

  /** Deletes every steering entry from every bridge (groups and meters stay), as a switch restart would. */
  void wipe() {
    for (String br : bridges) {
      Processes.run("ovs-ofctl", "-O", "OpenFlow13", "del-flows", br, STEERING_COOKIES);
    }
  }

  /** Writes {@code entries} back with {@code ovs-ofctl add-flows}, one file per bridge; answers the time it took. */
  double writeMillis(Map<String, List<String>> entries, Path work) throws IOException {
    Map<String, Path> files = new LinkedHashMap<>();
    for (Map.Entry<String, List<String>> e : entries.entrySet()) {
      Path file = work.resolve("entries-" + e.getKey() + ".txt");
      Files.write(file, e.getValue());
      files.put(e.getKey(), file);
    }
    long began = System.nanoTime();
    files.forEach((br, file) -> Processes.run("ovs-ofctl", "-O", "OpenFlow13", "add-flows", br, file.toString()));
    return (System.nanoTime() - began) / 1e6;
  }

  /** Entries per bridge, for a report's note. */
  static String sizes(Map<String, List<String>> tables) {
    List<String> out = new ArrayList<>();
    tables.forEach((br, entries) -> out.add(br + "=" + entries.size()));
    return String.join(", ", out);
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
