package org.netservof.controller.testing;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The machine's Open vSwitch for integration tests: started if it is not running (the test command installs
 * it); tests create uniquely named bridges with the userspace datapath and remove them afterwards.
 */
public final class Ovs {
  private static final String OVS_CTL = "/usr/share/openvswitch/scripts/ovs-ctl";

  private Ovs() {}

  /** Makes sure ovsdb-server and ovs-vswitchd answer; starts them when they do not. */
  public static synchronized void ensureRunning() {
    if (answers()) {
      return;
    }
    Processes.Result start = Processes.runAllowingFailure(Duration.ofSeconds(60), OVS_CTL, "start");
    if (!answers()) {
      throw new IllegalStateException("Open vSwitch is not running and '" + OVS_CTL + " start' did not start it "
          + "(exit " + start.exitCode() + "): " + start.stdout() + start.stderr()
          + "; install it with ./netserv setup");
    }
  }

  /** A short name unique to this run: {@code prefix} and 4 random hex digits (interface names allow 15 chars). */
  public static String uniqueName(String prefix) {
    return prefix + String.format("%04x", ThreadLocalRandom.current().nextInt(0x10000));
  }

  private static boolean answers() {
    return Processes.runAllowingFailure(Duration.ofSeconds(10), "ovs-vsctl", "--timeout=5", "show").exitCode() == 0;
  }
}
