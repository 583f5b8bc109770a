package org.netservof.bridge.steering;

import org.netservof.controller.api.OFSwitch;
import org.netservof.controller.api.PortChange;
import org.netservof.controller.api.SwitchListener;
import org.netservof.controller.api.fabric.Topology;
import org.netservof.controller.api.fabric.TopologyListener;
import org.projectfloodlight.openflow.protocol.OFPortDesc;
import org.projectfloodlight.openflow.types.DatapathId;

/** The fabric changing under steering: switches and ports change nodes' health, topology changes the plan. */
record FabricEvents(SteeringInstaller installer, NodePool pool) implements SwitchListener, TopologyListener {

  @Override
  public void switchAdded(OFSwitch sw) {
    // Health first (its nodes are up again), so the switch's audit compares it with intent as it is now.
    pool.fabricChanged("switch " + sw.id() + " connected");
    installer.switchConnected(sw);
  }

  @Override
  public void switchRemoved(DatapathId id) {
    installer.switchDisconnected(id);
    pool.fabricChanged("switch " + id + " disconnected");
  }

  @Override
  public void portChanged(OFSwitch sw, OFPortDesc port, PortChange change) {
    if (change != PortChange.OTHER_UPDATE) {
      pool.fabricChanged("port " + sw.id() + "/" + port.getPortNo() + " " + change);
    }
  }

  @Override
  public void topologyChanged(Topology previous, Topology current) {
    installer.reconcile("the fabric changed");
  }
}
