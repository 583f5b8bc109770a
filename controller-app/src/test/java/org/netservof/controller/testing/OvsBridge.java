package org.netservof.controller.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A bridge on the real Open vSwitch (userspace datapath, fail-mode secure) that a test creates and
 * removes, with veth ports whose other ends stay in the root namespace for the test to use.
 */
public final class OvsBridge implements AutoCloseable {
  public final String name;
  public final long dpid;
  private final List<String> veths = new ArrayList<>();

  /**
   * @param protocols OVS protocol names, for example {@code OpenFlow13}
   */
  public OvsBridge(String prefix, long dpid, String... protocols) {
    Ovs.ensureRunning();
    this.name = Ovs.uniqueName(prefix);
    this.dpid = dpid;
    Processes.run("ovs-vsctl", "--timeout=10", "add-br", name, "--", "set", "bridge", name, "datapath_type=netdev",
        "fail-mode=secure", "protocols=" + String.join(",", protocols),
        String.format("other-config:datapath-id=%016x", dpid));
  }

  /**
   * Adds a veth pair: {@code <bridge>a<n>} on the bridge as OpenFlow port {@code number}, and
   * {@code <bridge>b<n>} free for the test.
   *
   * @return the name of the free end
   */
  public String addVethPort(int number) {
    String inside = name + "a" + number;
    String outside = name + "b" + number;
    Processes.runAllowingFailure(Duration.ofSeconds(10), "ip", "link", "del", inside);
    Processes.run("ip", "link", "add", inside, "type", "veth", "peer", "name", outside);
    veths.add(inside);
    Processes.run("ip", "link", "set", inside, "up");
    Processes.run("ip", "link", "set", outside, "up");
    Processes.run("ovs-vsctl", "--timeout=10", "add-port", name, inside, "--", "set", "interface", inside,
        "ofport_request=" + number);
    return outside;
  }

  /** The bridge-side name of port {@code number}'s veth. */
  public String portName(int number) {
    return name + "a" + number;
  }

  public void setController(String target) {
    Processes.run("ovs-vsctl", "--timeout=10", "set-controller", name, target);
  }

  public void deleteController() {
    Processes.run("ovs-vsctl", "--timeout=10", "del-controller", name);
  }

  /** The flow table as {@code ovs-ofctl dump-flows} prints it, one line per entry, in the given protocol. */
  public List<String> dumpFlows(String protocol) {
    String out = Processes.run("ovs-ofctl", "-O", protocol, "dump-flows", name);
    return Arrays.stream(out.split("\n")).map(String::strip).filter(l -> l.startsWith("cookie=")).toList();
  }

  public void setPortDown(int number) {
    Processes.run("ovs-ofctl", "mod-port", name, String.valueOf(number), "down");
  }

  @Override
  public void close() {
    Processes.runAllowingFailure(Duration.ofSeconds(30), "ovs-vsctl", "--timeout=10", "--if-exists", "del-br", name);
    for (String veth : veths) {
      Processes.runAllowingFailure(Duration.ofSeconds(10), "ip", "link", "del", veth);
    }
  }
}
