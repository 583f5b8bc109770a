package org.netservof.controller.linkdiscovery;

import org.netservof.policy.layout.ControllerMeter;
import org.netservof.policy.layout.Cookie;
import org.netservof.policy.layout.CookieOwner;
import org.netservof.policy.layout.PriorityBand;
import org.netservof.policy.layout.Table;
import org.netservof.policy.openflow.CoreEntries;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFFlowAdd;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.protocol.match.MatchField;
import org.projectfloodlight.openflow.types.EthType;

/** The entry that sends every LLDP frame to the controller, above every steering and forwarding entry. */
final class CaptureEntry {
  static final int DETAIL = 1;

  private CaptureEntry() {}

  static OFFlowAdd lldpToController(OFFactory f) {
    OFFlowAdd.Builder b = f.buildFlowAdd()
        .setCookie(Cookie.of(CookieOwner.LINK_DISCOVERY, DETAIL).value())
        .setPriority(PriorityBand.CONTROL_CAPTURE.priority(10))
        .setMatch(f.buildMatch().setExact(MatchField.ETH_TYPE, EthType.of(ProbeCodec.ETH_TYPE_LLDP)).build());
    if (f.getVersion() != OFVersion.OF_10) {
      b.setTableId(Table.MAIN.id());
    }
    return CoreEntries.toController(b, f, ControllerMeter.LINK_DISCOVERY).build();
  }
}
