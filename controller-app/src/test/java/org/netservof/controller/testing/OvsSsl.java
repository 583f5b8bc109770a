package org.netservof.controller.testing;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * Open vSwitch's TLS settings ({@code ovs-vsctl set-ssl}: one key, certificate and CA for the whole
 * ovs-vswitchd), set for a test and put back as they were when it closes. Only bridges with {@code ssl:}
 * controllers use them, so other tests' {@code tcp:} bridges are unaffected.
 */
public final class OvsSsl implements AutoCloseable {
  private final List<String> before;

  private OvsSsl(List<String> before) {
    this.before = before;
  }

  public static OvsSsl use(Path key, Path cert, Path ca) {
    Ovs.ensureRunning();
    List<String> before = current();
    Processes.run("ovs-vsctl", "--timeout=10", "set-ssl", key.toString(), cert.toString(), ca.toString());
    return new OvsSsl(before);
  }

  /** The key, certificate and CA paths set now, in that order; empty when none are. */
  private static List<String> current() {
    String out = Processes.run("ovs-vsctl", "--timeout=10", "get-ssl");
    List<String> paths = Arrays.stream(out.split("\n")).map(String::strip)
        .filter(l -> l.startsWith("Private key:") || l.startsWith("Certificate:") || l.startsWith("CA Certificate:"))
        .map(l -> l.substring(l.indexOf(':') + 1).strip()).toList();
    return paths.size() == 3 ? paths : List.of();
  }

  @Override
  public void close() {
    if (before.isEmpty()) {
      Processes.runAllowingFailure(Duration.ofSeconds(15), "ovs-vsctl", "--timeout=10", "del-ssl");
    } else {
      Processes.runAllowingFailure(Duration.ofSeconds(15), "ovs-vsctl", "--timeout=10", "set-ssl", before.get(0),
          before.get(1), before.get(2));
    }
  }
}
