package org.netservof.controller.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.netservof.controller.api.OFSwitch;
import org.netservof.controller.api.PortChange;
import org.netservof.controller.api.SwitchListener;
import org.netservof.controller.api.SwitchRefusal;
import org.projectfloodlight.openflow.protocol.OFPortDesc;
import org.projectfloodlight.openflow.types.DatapathId;

/**
 * Switch events as text ("added DPID", "removed DPID", "port N CHANGE", "refused DPID"), in the order they came;
 * thread-safe.
 */
public final class RecordingSwitchListener implements SwitchListener {
  public final List<String> events = new CopyOnWriteArrayList<>();

  @Override
  public void switchAdded(OFSwitch sw) {
    events.add("added " + sw.id());
  }

  @Override
  public void switchRemoved(DatapathId id) {
    events.add("removed " + id);
  }

  @Override
  public void portChanged(OFSwitch sw, OFPortDesc port, PortChange change) {
    events.add("port " + port.getPortNo() + " " + change);
  }

  @Override
  public void switchRefused(SwitchRefusal refusal) {
    events.add("refused " + refusal.dpid().map(Object::toString).orElse("?"));
  }
}
