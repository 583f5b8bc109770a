package org.netservof.rest.floodlight.staticentry;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.protocol.action.OFAction;
import org.projectfloodlight.openflow.protocol.action.OFActionGroup;
import org.projectfloodlight.openflow.protocol.action.OFActionOutput;
import org.projectfloodlight.openflow.protocol.action.OFActionSetField;
import org.projectfloodlight.openflow.protocol.action.OFActions;
import org.projectfloodlight.openflow.protocol.match.MatchField;
import org.projectfloodlight.openflow.protocol.oxm.OFOxm;
import org.projectfloodlight.openflow.types.EthType;
import org.projectfloodlight.openflow.types.IPv4Address;
import org.projectfloodlight.openflow.types.MacAddress;
import org.projectfloodlight.openflow.types.OFValueType;
import org.projectfloodlight.openflow.types.OFVlanVidMatch;
import org.projectfloodlight.openflow.types.TransportPort;
import org.projectfloodlight.openflow.types.VlanPcp;
import org.projectfloodlight.openflow.types.VlanVid;

/**
 * Floodlight's action strings ({@code output=2,set_field=eth_dst->00:00:00:00:00:02,group=1}), to Loxi actions
 * for one switch's version and back. Names are case-insensitive; an empty string or {@code drop} is no action.
 * An action the switch's version does not have (e.g. {@code strip_vlan} on 1.3, {@code group} on 1.0) is
 * refused here rather than by the switch.
 */
final class ActionStrings {
  private ActionStrings() {}

  static List<OFAction> parse(String field, String text, OFFactory f) {
    List<OFAction> out = new ArrayList<>();
    String all = text.strip();
    if (all.isEmpty() || all.equalsIgnoreCase("drop")) {
      return out;
    }
    for (String part : all.split(",")) {
      String p = part.strip();
      if (p.isEmpty()) {
        continue;
      }
      int eq = p.indexOf('=');
      String name = (eq < 0 ? p : p.substring(0, eq)).strip().toLowerCase(Locale.ROOT);
      String value = eq < 0 ? "" : p.substring(eq + 1).strip();
      String where = field + ": action '" + p + "'";
      try {
        out.add(action(where, name, value, f));
      } catch (UnsupportedOperationException e) {
        throw new IllegalArgumentException(where + " is not supported on " + f.getVersion());
      }
    }
    return out;
  }

  private static OFAction action(String where, String name, String value, OFFactory f) {
    OFActions a = f.actions();
    boolean of10 = f.getVersion() == OFVersion.OF_10;
    return switch (name) {
      case "output" -> a.output(Values.port(where, need(where, value)), 0xffff);
      case "enqueue" -> enqueue(where, value, f);
      case "strip_vlan" -> of10 ? a.stripVlan() : a.popVlan();
      case "pop_vlan" -> of10 ? a.stripVlan() : a.popVlan();
      case "push_vlan" -> a.pushVlan(ethType(where, value));
      case "set_vlan_vid" -> of10 ? a.setVlanVid(VlanVid.ofVlan(Values.integer(where, need(where, value), 0, 4095)))
          : setField(f, MatchField.VLAN_VID, OFVlanVidMatch.ofVlan(Values.integer(where, need(where, value), 0, 4095)));
      case "set_vlan_pcp" -> of10 ? a.setVlanPcp(VlanPcp.of((byte) Values.integer(where, need(where, value), 0, 7)))
          : setField(f, MatchField.VLAN_PCP, VlanPcp.of((byte) Values.integer(where, need(where, value), 0, 7)));
      case "set_eth_src" -> of10 ? a.setDlSrc(mac(where, value)) : setField(f, MatchField.ETH_SRC, mac(where, value));
      case "set_eth_dst" -> of10 ? a.setDlDst(mac(where, value)) : setField(f, MatchField.ETH_DST, mac(where, value));
      case "set_ipv4_src" -> of10 ? a.setNwSrc(ipv4(where, value)) : setField(f, MatchField.IPV4_SRC, ipv4(where, value));
      case "set_ipv4_dst" -> of10 ? a.setNwDst(ipv4(where, value)) : setField(f, MatchField.IPV4_DST, ipv4(where, value));
      case "set_ip_tos" -> a.setNwTos((short) Values.integer(where, need(where, value), 0, 255));
      case "set_tp_src" -> a.setTpSrc(TransportPort.of(Values.integer(where, need(where, value), 0, 0xffff)));
      case "set_tp_dst" -> a.setTpDst(TransportPort.of(Values.integer(where, need(where, value), 0, 0xffff)));
      case "set_queue" -> a.setQueue(Values.number(where, need(where, value), 0, 0xffffffffL));
      case "set_ip_ttl" -> a.setNwTtl((short) Values.integer(where, need(where, value), 0, 255));
      case "dec_ip_ttl" -> a.decNwTtl();
      case "copy_ip_ttl_in" -> a.copyTtlIn();
      case "copy_ip_ttl_out" -> a.copyTtlOut();
      case "set_mpls_ttl" -> a.setMplsTtl((short) Values.integer(where, need(where, value), 0, 255));
      case "dec_mpls_ttl" -> a.decMplsTtl();
      case "push_mpls" -> a.pushMpls(ethType(where, value));
      case "pop_mpls" -> a.popMpls(ethType(where, value));
      case "push_pbb" -> a.pushPbb(ethType(where, value));
      case "pop_pbb" -> a.popPbb();
      case "group" -> a.group(Values.group(where, need(where, value)));
      case "set_field" -> setField(where, value, f);
      default -> throw new IllegalArgumentException(where + ": unknown action '" + name + "'");
    };
  }

  /** {@code set_field=<match key>-><value>}: OpenFlow 1.2 and later. */
  private static OFAction setField(String where, String value, OFFactory f) {
    int arrow = value.indexOf("->");
    if (arrow < 0) {
      throw new IllegalArgumentException(where + ": set_field needs <field>-><value>, e.g. eth_dst->00:00:00:00:00:02");
    }
    String key = value.substring(0, arrow).strip().toLowerCase(Locale.ROOT);
    MatchFields.Spec<?> spec = MatchFields.byKey(key)
        .orElseThrow(() -> new IllegalArgumentException(where + ": unknown field '" + key + "'"));
    return setFieldOf(f, spec, value.substring(arrow + 2).strip());
  }

  private static <F extends OFValueType<F>> OFAction setFieldOf(OFFactory f, MatchFields.Spec<F> spec, String text) {
    return setField(f, spec.field(), spec.parse().apply(text));
  }

  private static <F extends OFValueType<F>> OFAction setField(OFFactory f, MatchField<F> field, F value) {
    OFOxm<F> oxm = f.oxms().fromValue(value, field);
    return f.actions().setField(oxm);
  }

  private static OFAction enqueue(String where, String value, OFFactory f) {
    String[] pq = need(where, value).split(":");
    if (pq.length != 2) {
      throw new IllegalArgumentException(where + ": enqueue needs <port>:<queue>");
    }
    return f.actions().enqueue(Values.port(where, pq[0]), Values.number(where, pq[1], 0, 0xffffffffL));
  }

  private static String need(String where, String value) {
    if (value.isEmpty()) {
      throw new IllegalArgumentException(where + " needs a value");
    }
    return value;
  }

  private static EthType ethType(String where, String value) {
    return EthType.of(Values.integer(where, need(where, value), 0, 0xffff));
  }

  private static MacAddress mac(String where, String value) {
    try {
      return MacAddress.of(need(where, value));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(where + ": '" + value + "' is not a MAC address");
    }
  }

  private static IPv4Address ipv4(String where, String value) {
    try {
      return IPv4Address.of(need(where, value));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(where + ": '" + value + "' is not an IPv4 address");
    }
  }

  /** Actions written back in Floodlight's syntax, for the list endpoint. */
  static String render(List<OFAction> actions) {
    return actions.stream().map(ActionStrings::render).collect(Collectors.joining(","));
  }

  private static String render(OFAction action) {
    if (action instanceof OFActionOutput o) {
      return "output=" + o.getPort();
    }
    if (action instanceof OFActionGroup g) {
      return "group=" + g.getGroup();
    }
    if (action instanceof OFActionSetField s) {
      return "set_field=" + MatchFields.keyOf(s.getField().getMatchField()) + "->" + s.getField().getValue();
    }
    return switch (action.getType()) {
      case STRIP_VLAN, POP_VLAN -> action.getVersion() == OFVersion.OF_10 ? "strip_vlan" : "pop_vlan";
      case DEC_NW_TTL -> "dec_ip_ttl";
      case COPY_TTL_IN -> "copy_ip_ttl_in";
      case COPY_TTL_OUT -> "copy_ip_ttl_out";
      case DEC_MPLS_TTL -> "dec_mpls_ttl";
      case POP_PBB -> "pop_pbb";
      default -> action.toString();
    };
  }
}
