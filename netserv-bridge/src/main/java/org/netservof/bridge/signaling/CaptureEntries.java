package org.netservof.bridge.signaling;

import java.util.List;
import org.netservof.policy.layout.ControllerMeter;
import org.netservof.policy.layout.Cookie;
import org.netservof.policy.layout.CookieOwner;
import org.netservof.policy.layout.PriorityBand;
import org.netservof.policy.layout.Table;
import org.netservof.policy.openflow.CoreEntries;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFFlowAdd;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.protocol.match.Match;
import org.projectfloodlight.openflow.protocol.match.MatchField;
import org.projectfloodlight.openflow.types.EthType;
import org.projectfloodlight.openflow.types.ICMPv4Code;
import org.projectfloodlight.openflow.types.ICMPv4Type;
import org.projectfloodlight.openflow.types.IpProtocol;
import org.projectfloodlight.openflow.types.TransportPort;

/**
 * The entries that bring signaling to the controller on every switch, above steering and forwarding:
 * requests (UDP to port 270), responses (UDP from port 270) and the ICMP port-unreachable that tells a
 * domain it was the last on the path. The controller sends signaling on by PacketOut straight out of the
 * port it is meant for, so a message is caught once per domain, where it enters.
 */
final class CaptureEntries {
  static final int REQUESTS = 1;
  static final int RESPONSES = 2;
  static final int UNREACHABLE = 3;

  private CaptureEntries() {}

  static List<OFFlowAdd> all(OFFactory f) {
    Match.Builder requests = f.buildMatch().setExact(MatchField.ETH_TYPE, EthType.IPv4)
        .setExact(MatchField.IP_PROTO, IpProtocol.UDP)
        .setExact(MatchField.UDP_DST, TransportPort.of(SignalFrames.PORT));
    Match.Builder responses = f.buildMatch().setExact(MatchField.ETH_TYPE, EthType.IPv4)
        .setExact(MatchField.IP_PROTO, IpProtocol.UDP)
        .setExact(MatchField.UDP_SRC, TransportPort.of(SignalFrames.PORT));
    Match.Builder unreachable = f.buildMatch().setExact(MatchField.ETH_TYPE, EthType.IPv4)
        .setExact(MatchField.IP_PROTO, IpProtocol.ICMP)
        .setExact(MatchField.ICMPV4_TYPE, ICMPv4Type.of((short) 3))
        .setExact(MatchField.ICMPV4_CODE, ICMPv4Code.of((short) 3));
    return List.of(entry(f, REQUESTS, requests.build()), entry(f, RESPONSES, responses.build()),
        entry(f, UNREACHABLE, unreachable.build()));
  }

  private static OFFlowAdd entry(OFFactory f, int detail, Match match) {
    OFFlowAdd.Builder b = f.buildFlowAdd()
        .setCookie(Cookie.of(CookieOwner.SIGNALING, detail).value())
        .setPriority(PriorityBand.CONTROL_CAPTURE.priority(20 + detail))
        .setMatch(match);
    if (f.getVersion() != OFVersion.OF_10) {
      b.setTableId(Table.MAIN.id());
    }
    return CoreEntries.toController(b, f, ControllerMeter.SIGNALING).build();
  }
}
