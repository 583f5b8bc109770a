package org.netservof.controller.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netservof.controller.api.ControllerModule;
import org.netservof.controller.api.fabric.LinkService;
import org.netservof.controller.api.fabric.TopologyService;
import org.netservof.controller.launcher.Controller;
import org.netservof.controller.store.MemoryStoreService;
import org.netservof.controller.store.StoreModule;
import org.netservof.controller.testing.Eventually;
import org.netservof.controller.testing.FakeCluster;
import org.netservof.controller.testing.OvsBridge;
import org.netservof.controller.testing.Processes;
import org.netservof.controller.testing.SharedStoreModule;
import org.netservof.policy.fabric.Link;
import org.netservof.policy.fabric.SwitchPort;
import org.projectfloodlight.openflow.types.DatapathId;

/**
 * Two controllers of one cluster over one shared store, each connected to one of two real Open vSwitch
 * bridges joined by a cable (a veth pair): each sees only its own switch's PacketIns, so each probe comes up
 * at the other member, yet both see the link both ways and have both switches in their topology. When the
 * cable's port goes down at one member, the link leaves both views.
 */
class ClusterLinksIT {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private final List<AutoCloseable> open = new ArrayList<>();

  @TempDir
  Path dir;

  @AfterEach
  void stop() throws Exception {
    for (int i = open.size() - 1; i >= 0; i--) {
      open.get(i).close();
    }
  }

  @Test
  void aCableBetweenSwitchesOfTwoMembersIsALinkInBothViews() throws Exception {
    long base = 0xc1a0000L + ((System.nanoTime() >>> 8) & 0xfff) * 4;
    OvsBridge s1 = track(new OvsBridge("nscl", base + 1, "OpenFlow13"));
    OvsBridge s2 = track(new OvsBridge("nscl", base + 2, "OpenFlow13"));
    String cable = s1.addVethPort(1); // s1 port 1 <-> s2 port 1
    Processes.run("ovs-vsctl", "--timeout=10", "add-port", s2.name, cable, "--", "set", "interface", cable,
        "ofport_request=1");
    MemoryStoreService shared = new MemoryStoreService();
    Controller a = member("a", shared);
    Controller b = member("b", shared);
    s1.setController("tcp:127.0.0.1:" + a.openFlowAddress().getPort());
    s2.setController("tcp:127.0.0.1:" + b.openFlowAddress().getPort());

    Link there = new Link(SwitchPort.of(s1.dpid, 1), SwitchPort.of(s2.dpid, 1));
    Link back = new Link(SwitchPort.of(s2.dpid, 1), SwitchPort.of(s1.dpid, 1));
    for (Controller member : List.of(a, b)) {
      Eventually.waitFor("both directions of the cable in a member's links", WAIT,
          () -> member.service(LinkService.class).links().equals(Set.of(there, back)));
      Eventually.waitFor("both switches in a member's topology", WAIT,
          () -> member.service(TopologyService.class).current().switches()
              .equals(Set.of(DatapathId.of(s1.dpid), DatapathId.of(s2.dpid))));
    }
    assertThat(a.service(LinkService.class).rejectedProbes() + b.service(LinkService.class).rejectedProbes())
        .isZero();

    // Member b sees its port go down and withdraws the link from every view.
    Processes.run("ovs-ofctl", "-O", "OpenFlow13", "mod-port", s2.name, "1", "down");
    Eventually.waitFor("the link gone from member a's view", WAIT,
        () -> a.service(LinkService.class).links().isEmpty());
  }

  private Controller member(String id, MemoryStoreService shared) throws Exception {
    Path config = dir.resolve(id + ".yaml");
    Files.writeString(config, "of-listen: 127.0.0.1:0\nmodules: [topology, link-discovery, store, fake-cluster]\n"
        + "openflow:\n  versions: [1.3]\n");
    List<ControllerModule> modules = new ArrayList<>(Controller.discoverModules().stream()
        .filter(m -> !(m instanceof StoreModule)).toList());
    modules.add(new SharedStoreModule(shared));
    modules.add(new FakeCluster(id).module());
    return track(Controller.start(Optional.of(config), Map.of(), modules, Clock.systemUTC()));
  }

  private <T extends AutoCloseable> T track(T resource) {
    open.add(resource);
    return resource;
  }
}
