package org.netservof.rest.floodlight;

import java.util.List;
import java.util.Locale;
import org.projectfloodlight.openflow.protocol.action.OFAction;
import org.projectfloodlight.openflow.protocol.action.OFActionEnqueue;
import org.projectfloodlight.openflow.protocol.action.OFActionExperimenter;
import org.projectfloodlight.openflow.protocol.action.OFActionGroup;
import org.projectfloodlight.openflow.protocol.action.OFActionOutput;
import org.projectfloodlight.openflow.protocol.action.OFActionPopMpls;
import org.projectfloodlight.openflow.protocol.action.OFActionPushMpls;
import org.projectfloodlight.openflow.protocol.action.OFActionPushPbb;
import org.projectfloodlight.openflow.protocol.action.OFActionPushVlan;
import org.projectfloodlight.openflow.protocol.action.OFActionSetDlDst;
import org.projectfloodlight.openflow.protocol.action.OFActionSetDlSrc;
import org.projectfloodlight.openflow.protocol.action.OFActionSetField;
import org.projectfloodlight.openflow.protocol.action.OFActionSetMplsLabel;
import org.projectfloodlight.openflow.protocol.action.OFActionSetMplsTc;
import org.projectfloodlight.openflow.protocol.action.OFActionSetMplsTtl;
import org.projectfloodlight.openflow.protocol.action.OFActionSetNwDst;
import org.projectfloodlight.openflow.protocol.action.OFActionSetNwSrc;
import org.projectfloodlight.openflow.protocol.action.OFActionSetNwTos;
import org.projectfloodlight.openflow.protocol.action.OFActionSetNwTtl;
import org.projectfloodlight.openflow.protocol.action.OFActionSetQueue;
import org.projectfloodlight.openflow.protocol.action.OFActionSetTpDst;
import org.projectfloodlight.openflow.protocol.action.OFActionSetTpSrc;
import org.projectfloodlight.openflow.protocol.action.OFActionSetVlanPcp;
import org.projectfloodlight.openflow.protocol.action.OFActionSetVlanVid;
import org.projectfloodlight.openflow.protocol.match.MatchFields;
import org.projectfloodlight.openflow.protocol.oxm.OFOxm;
import org.projectfloodlight.openflow.types.EthType;
import org.projectfloodlight.openflow.types.OFVlanVidMatch;

/**
 * An action list as the comma-separated string Floodlight writes (its static-entry syntax), e.g.
 * {@code output=3}, {@code output=controller}, {@code group=1}, {@code set_field=eth_dst->00:00:00:00:00:02}.
 * Ports use Loxi's names ({@code local}, {@code controller}) as in the captured responses.
 */
final class ActionStrings {
  private ActionStrings() {}

  static String of(List<OFAction> actions) {
    StringBuilder sb = new StringBuilder();
    for (OFAction a : actions) {
      if (sb.length() > 0) {
        sb.append(',');
      }
      sb.append(of(a));
    }
    return sb.toString();
  }

  static String of(OFAction a) {
    if (a instanceof OFActionOutput o) {
      return "output=" + o.getPort();
    } else if (a instanceof OFActionGroup g) {
      return "group=" + g.getGroup().getGroupNumber();
    } else if (a instanceof OFActionSetField s) {
      return "set_field=" + setField(s.getField());
    } else if (a instanceof OFActionEnqueue e) {
      return "enqueue=" + e.getPort() + ":0x" + String.format("%02x", e.getQueueId());
    } else if (a instanceof OFActionPushVlan p) {
      return "push_vlan=" + p.getEthertype().getValue();
    } else if (a instanceof OFActionPushMpls p) {
      return "push_mpls=" + p.getEthertype().getValue();
    } else if (a instanceof OFActionPopMpls p) {
      return "pop_mpls=" + p.getEthertype().getValue();
    } else if (a instanceof OFActionPushPbb p) {
      return "push_pbb=" + p.getEthertype().getValue();
    } else if (a instanceof OFActionSetVlanVid v) {
      return "set_vlan_vid=" + v.getVlanVid().getVlan();
    } else if (a instanceof OFActionSetVlanPcp v) {
      return "set_vlan_pcp=" + v.getVlanPcp().getValue();
    } else if (a instanceof OFActionSetQueue q) {
      return "set_queue=" + q.getQueueId();
    } else if (a instanceof OFActionSetDlSrc d) {
      return "set_eth_src=" + d.getDlAddr();
    } else if (a instanceof OFActionSetDlDst d) {
      return "set_eth_dst=" + d.getDlAddr();
    } else if (a instanceof OFActionSetNwSrc n) {
      return "set_ipv4_src=" + n.getNwAddr();
    } else if (a instanceof OFActionSetNwDst n) {
      return "set_ipv4_dst=" + n.getNwAddr();
    } else if (a instanceof OFActionSetNwTos n) {
      return "set_ip_tos=" + n.getNwTos();
    } else if (a instanceof OFActionSetNwTtl n) {
      return "set_ip_ttl=" + n.getNwTtl();
    } else if (a instanceof OFActionSetMplsLabel m) {
      return "set_mpls_label=" + m.getMplsLabel();
    } else if (a instanceof OFActionSetMplsTc m) {
      return "set_mpls_tc=" + m.getMplsTc();
    } else if (a instanceof OFActionSetMplsTtl m) {
      return "set_mpls_ttl=" + m.getMplsTtl();
    } else if (a instanceof OFActionSetTpSrc t) {
      return "set_tp_src=" + t.getTpPort();
    } else if (a instanceof OFActionSetTpDst t) {
      return "set_tp_dst=" + t.getTpPort();
    } else if (a instanceof OFActionExperimenter x) {
      return "experimenter=" + x.getExperimenter();
    }
    // The rest carry no argument and Floodlight names them by type: pop_vlan, strip_vlan, dec_ip_ttl (its
    // name for DEC_NW_TTL), dec_mpls_ttl, copy_ip_ttl_in/out (COPY_TTL_IN/OUT), pop_pbb.
    return switch (a.getType()) {
      case DEC_NW_TTL -> "dec_ip_ttl";
      case COPY_TTL_IN -> "copy_ip_ttl_in";
      case COPY_TTL_OUT -> "copy_ip_ttl_out";
      default -> a.getType().name().toLowerCase(Locale.ROOT);
    };
  }

  /** {@code KEY->VALUE}; Floodlight writes the EtherType and VLAN id of a set-field in decimal. */
  private static String setField(OFOxm<?> oxm) {
    MatchFields field = oxm.getMatchField().id;
    Object value = oxm.getValue();
    String text;
    if (value instanceof EthType t) {
      text = Integer.toString(t.getValue());
    } else if (value instanceof OFVlanVidMatch v) {
      text = Short.toString(v.getVlan());
    } else {
      text = String.valueOf(value);
    }
    return MatchJson.key(field) + "->" + text;
  }
}
