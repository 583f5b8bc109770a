package org.netservof.rest.floodlight.syntax;

import java.util.Locale;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.protocol.action.OFAction;
import org.projectfloodlight.openflow.protocol.action.OFActions;
import org.projectfloodlight.openflow.protocol.match.MatchField;
import org.projectfloodlight.openflow.types.EthType;
import org.projectfloodlight.openflow.types.IPv4Address;
import org.projectfloodlight.openflow.types.MacAddress;
import org.projectfloodlight.openflow.types.OFValueType;
import org.projectfloodlight.openflow.types.OFVlanVidMatch;
import org.projectfloodlight.openflow.types.TransportPort;
import org.projectfloodlight.openflow.types.U32;
import org.projectfloodlight.openflow.types.VlanPcp;
import org.projectfloodlight.openflow.types.VlanVid;

/**
 * Reads one action of Floodlight's syntax, its name and the text after {@code =}, for one switch's factory;
 * {@link ActionStrings#parse} splits the list. Every refusal is an IllegalArgumentException naming
 * {@code where}; an action the version lacks throws Loxi's UnsupportedOperationException.
 */
record ActionReader(String where, String value, OFFactory f) {

  OFAction action(String name) {
    OFActions a = f.actions();
    boolean of10 = f.getVersion() == OFVersion.OF_10;
    return switch (name) {
      case "output" -> a.output(Values.port(where, need()), 0xffff);
      case "enqueue" -> enqueue();
      case "strip_vlan", "pop_vlan" -> of10 ? a.stripVlan() : a.popVlan();
      case "push_vlan" -> a.pushVlan(ethType());
      case "set_vlan_vid" -> of10 ? a.setVlanVid(VlanVid.ofVlan(integer(4095)))
          : setField(MatchField.VLAN_VID, OFVlanVidMatch.ofVlan(integer(4095)));
      case "set_vlan_pcp" -> of10 ? a.setVlanPcp(VlanPcp.of((byte) integer(7)))
          : setField(MatchField.VLAN_PCP, VlanPcp.of((byte) integer(7)));
      case "set_eth_src" -> of10 ? a.setDlSrc(mac()) : setField(MatchField.ETH_SRC, mac());
      case "set_eth_dst" -> of10 ? a.setDlDst(mac()) : setField(MatchField.ETH_DST, mac());
      case "set_ipv4_src" -> of10 ? a.setNwSrc(ipv4()) : setField(MatchField.IPV4_SRC, ipv4());
      case "set_ipv4_dst" -> of10 ? a.setNwDst(ipv4()) : setField(MatchField.IPV4_DST, ipv4());
      case "set_ip_tos" -> a.setNwTos((short) integer(255));
      case "set_tp_src" -> a.setTpSrc(TransportPort.of(integer(0xffff)));
      case "set_tp_dst" -> a.setTpDst(TransportPort.of(integer(0xffff)));
      case "set_queue" -> a.setQueue(Values.number(where, need(), 0, 0xffffffffL));
      case "set_ip_ttl" -> a.setNwTtl((short) integer(255));
      case "set_mpls_label" -> f.getVersion().compareTo(OFVersion.OF_12) < 0 ? a.setMplsLabel(integer(0xfffff))
          : setField(MatchField.MPLS_LABEL, U32.of(integer(0xfffff)));
      case "set_mpls_tc" -> a.setMplsTc((short) integer(7));
      case "set_mpls_ttl" -> a.setMplsTtl((short) integer(255));
      case "push_mpls" -> a.pushMpls(ethType());
      case "pop_mpls" -> a.popMpls(ethType());
      case "push_pbb" -> a.pushPbb(ethType());
      case "group" -> a.group(Values.group(where, need()));
      case "set_field" -> setField();
      default -> noArgument(name, a);
    };
  }

  private OFAction noArgument(String name, OFActions a) {
    return switch (name) {
      case "dec_ip_ttl" -> a.decNwTtl();
      case "copy_ip_ttl_in" -> a.copyTtlIn();
      case "copy_ip_ttl_out" -> a.copyTtlOut();
      case "dec_mpls_ttl" -> a.decMplsTtl();
      case "pop_pbb" -> a.popPbb();
      default -> throw new IllegalArgumentException(where + ": unknown action '" + name + "'");
    };
  }

  /** {@code set_field=<match key>-><value>}: OpenFlow 1.2 and later. */
  private OFAction setField() {
    int arrow = value.indexOf("->");
    if (arrow < 0) {
      throw new IllegalArgumentException(where + ": set_field needs <field>-><value>, e.g. eth_dst->00:00:00:00:00:02");
    }
    String key = value.substring(0, arrow).strip().toLowerCase(Locale.ROOT);
    MatchFields.Spec<?> spec = MatchFields.byKey(key)
        .orElseThrow(() -> new IllegalArgumentException(where + ": unknown field '" + key + "'"));
    return setFieldOf(spec, value.substring(arrow + 2).strip());
  }

  private <F extends OFValueType<F>> OFAction setFieldOf(MatchFields.Spec<F> spec, String text) {
    return setField(spec.field(), spec.parse().apply(text));
  }

  private <F extends OFValueType<F>> OFAction setField(MatchField<F> field, F v) {
    return f.actions().setField(f.oxms().fromValue(v, field));
  }

  private OFAction enqueue() {
    String[] pq = need().split(":");
    if (pq.length != 2) {
      throw new IllegalArgumentException(where + ": enqueue needs <port>:<queue>");
    }
    return f.actions().enqueue(Values.port(where, pq[0]), Values.number(where, pq[1], 0, 0xffffffffL));
  }

  private String need() {
    if (value.isEmpty()) {
      throw new IllegalArgumentException(where + " needs a value");
    }
    return value;
  }

  private int integer(int max) {
    return Values.integer(where, need(), 0, max);
  }

  private EthType ethType() {
    return EthType.of(integer(0xffff));
  }

  private MacAddress mac() {
    return Values.parsed(where, need(), "a MAC address", MacAddress::of);
  }

  private IPv4Address ipv4() {
    return Values.parsed(where, need(), "an IPv4 address", IPv4Address::of);
  }
}
