package org.netservof.controller.linkdiscovery;

import java.util.List;
import org.netservof.policy.layout.Cookie;
import org.netservof.policy.layout.CookieOwner;
import org.netservof.policy.layout.PriorityBand;
import org.netservof.policy.layout.Table;
import org.netservof.policy.openflow.CoreEntries;
import org.netservof.policy.openflow.FlowMods;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFFlowAdd;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.protocol.match.MatchField;
import org.projectfloodlight.openflow.types.EthType;
import org.projectfloodlight.openflow.types.OFPort;

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
    return FlowMods.withActions(b, f,
        List.of(f.actions().output(OFPort.CONTROLLER, CoreEntries.SEND_WHOLE_PACKET))).build();
  }
}
