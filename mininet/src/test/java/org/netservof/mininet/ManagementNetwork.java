package org.netservof.mininet;

import java.security.SecureRandom;
import org.netservof.controller.testing.Processes;

/**
 * A management network for service nodes, made by the test in the root namespace before the controller
 * starts (so the controller's node channel can listen on it and nowhere else): a Linux bridge at
 * {@code SUBNET.1/24} that {@code scenario.py serve --management} connects the node hosts to. Its name and
 * subnet come from a random 12-bit value, so runs side by side do not meet; a leftover of a crashed run with
 * the same name is removed first.
 */
public final class ManagementNetwork implements AutoCloseable {
  private final String bridge;
  private final String subnet;

  public ManagementNetwork() {
    int value = new SecureRandom().nextInt(0x1000);
    bridge = String.format("nsmg%03x", value);
    subnet = "172." + (16 + (value >> 8)) + "." + (value & 0xff);
    Processes.runAllowingFailure(java.time.Duration.ofSeconds(10), "ip", "link", "del", bridge);
    Processes.run("ip", "link", "add", bridge, "type", "bridge");
    Processes.run("ip", "addr", "add", subnet + ".1/24", "dev", bridge);
    Processes.run("ip", "link", "set", bridge, "up");
  }

  /** Where the controller listens for nodes: the bridge's address. */
  public String controllerIp() {
    return subnet + ".1";
  }

  /** The scenario's {@code --management} argument. */
  public String scenarioArgument() {
    return bridge + "," + subnet;
  }

  @Override
  public void close() {
    Processes.runAllowingFailure(java.time.Duration.ofSeconds(10), "ip", "link", "del", bridge);
  }
}
