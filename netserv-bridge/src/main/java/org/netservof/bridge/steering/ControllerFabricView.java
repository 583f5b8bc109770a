package org.netservof.bridge.steering;

import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.netservof.controller.api.OFSwitch;
import org.netservof.controller.api.SwitchService;
import org.netservof.controller.api.fabric.Topology;
import org.netservof.policy.fabric.Link;
import org.netservof.policy.fabric.Path;
import org.netservof.policy.fabric.SwitchPort;
import org.netservof.policy.steering.FabricView;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.types.DatapathId;

/**
 * The controller's topology snapshot and connected switches, as steering plans see the fabric: in a cluster
 * every connected switch, those other members master included (a plan spans them; each member writes its own).
 */
record ControllerFabricView(Topology topology, SwitchService connected) implements FabricView {

  @Override
  public Set<DatapathId> switches() {
    Set<DatapathId> out = new TreeSet<>();
    for (DatapathId d : topology.switches()) {
      if (connected.connectedSwitch(d).isPresent()) {
        out.add(d);
      }
    }
    return out;
  }

  @Override
  public OFFactory factory(DatapathId dpid) {
    return connected.connectedSwitch(dpid).map(OFSwitch::factory)
        .orElseThrow(() -> new IllegalStateException("switch " + dpid + " is not connected"));
  }

  @Override
  public Set<SwitchPort> edgePorts() {
    Set<SwitchPort> out = new TreeSet<>();
    for (SwitchPort p : topology.edgePorts()) {
      if (connected.connectedSwitch(p.dpid()).isPresent()) {
        out.add(p);
      }
    }
    return out;
  }

  @Override
  public Set<SwitchPort> linkPorts(DatapathId dpid) {
    Set<SwitchPort> out = new TreeSet<>();
    for (Link l : topology.links()) {
      if (l.dst().dpid().equals(dpid)) {
        out.add(l.dst());
      }
    }
    return out;
  }

  @Override
  public Optional<Path> path(SwitchPort from, SwitchPort to) {
    return topology.route(from, to, 0);
  }
}
