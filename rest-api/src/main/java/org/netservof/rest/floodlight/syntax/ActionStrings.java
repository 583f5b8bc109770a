package org.netservof.rest.floodlight.syntax;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.projectfloodlight.openflow.protocol.OFActionType;
import org.projectfloodlight.openflow.protocol.OFFactory;
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
import org.projectfloodlight.openflow.protocol.oxm.OFOxm;
import org.projectfloodlight.openflow.types.EthType;
import org.projectfloodlight.openflow.types.OFVlanVidMatch;

/**
 * Floodlight's action strings ({@code output=2,set_field=eth_dst->00:00:00:00:00:02,group=1}), read into Loxi
 * actions for one switch's version and written back; every string written reads back to the same actions.
 *
 * <p>Reading: names are case-insensitive; an empty string or {@code drop} is no action; an action the
 * switch's version does not have ({@code group} on 1.0) is refused here rather than by the switch. Numbers
 * are decimal or {@code 0x} hex, ports and groups also by name ({@code local}, {@code any}).
 *
 * <p>Writing, as Floodlight's {@code ActionUtils} does: ports by Loxi's names ({@code output=controller}),
 * EtherTypes and VLAN ids in decimal ({@code push_vlan=33024}, {@code set_field=eth_vlan_vid->7}).
 * {@code group=}: Floodlight writes the group number in decimal ({@code group=1} in its captured
 * {@code /wm/staticentrypusher/list} and {@code /wm/core/switch/../flow} answers, see
 * shared/reference/floodlight-rest); so does this class, unsigned ({@code group=4026531841}, where Floodlight's
 * {@code Integer.toString} would write a negative number that no parser reads back), and {@code any},
 * {@code all} for the reserved groups.
 */
public final class ActionStrings {
  /** Floodlight's names where they are not Loxi's action type in lower case. */
  private static final Map<OFActionType, String> NAMES = Map.of(OFActionType.SET_DL_SRC, "set_eth_src",
      OFActionType.SET_DL_DST, "set_eth_dst", OFActionType.SET_NW_SRC, "set_ipv4_src", OFActionType.SET_NW_DST,
      "set_ipv4_dst", OFActionType.SET_NW_TOS, "set_ip_tos", OFActionType.SET_NW_TTL, "set_ip_ttl",
      OFActionType.DEC_NW_TTL, "dec_ip_ttl", OFActionType.COPY_TTL_IN, "copy_ip_ttl_in", OFActionType.COPY_TTL_OUT,
      "copy_ip_ttl_out");

  private ActionStrings() {}

  // ---- writing ----

  /** Actions in Floodlight's syntax, comma-separated; an empty list is the empty string. */
  public static String of(List<OFAction> actions) {
    return actions.stream().map(ActionStrings::of).collect(Collectors.joining(","));
  }

  public static String of(OFAction a) {
    String name = NAMES.getOrDefault(a.getType(), a.getType().name().toLowerCase(Locale.ROOT));
    String argument = argument(a);
    return argument.isEmpty() ? name : name + "=" + argument;
  }

  /** The text after {@code =}; empty for the actions that take none (pop_vlan, dec_ip_ttl, ...). */
  private static String argument(OFAction a) {
    return switch (a.getType()) {
      case OUTPUT -> ((OFActionOutput) a).getPort().toString();
      case GROUP -> ((OFActionGroup) a).getGroup().toString();
      case SET_FIELD -> setField(((OFActionSetField) a).getField());
      case ENQUEUE -> ((OFActionEnqueue) a).getPort() + ":0x" + Long.toHexString(((OFActionEnqueue) a).getQueueId());
      case PUSH_VLAN -> Integer.toString(((OFActionPushVlan) a).getEthertype().getValue());
      case PUSH_MPLS -> Integer.toString(((OFActionPushMpls) a).getEthertype().getValue());
      case POP_MPLS -> Integer.toString(((OFActionPopMpls) a).getEthertype().getValue());
      case PUSH_PBB -> Integer.toString(((OFActionPushPbb) a).getEthertype().getValue());
      case SET_VLAN_VID -> Short.toString(((OFActionSetVlanVid) a).getVlanVid().getVlan());
      case SET_VLAN_PCP -> Byte.toString(((OFActionSetVlanPcp) a).getVlanPcp().getValue());
      case SET_QUEUE -> Long.toString(((OFActionSetQueue) a).getQueueId());
      case SET_DL_SRC -> ((OFActionSetDlSrc) a).getDlAddr().toString();
      case SET_DL_DST -> ((OFActionSetDlDst) a).getDlAddr().toString();
      case SET_NW_SRC -> ((OFActionSetNwSrc) a).getNwAddr().toString();
      case SET_NW_DST -> ((OFActionSetNwDst) a).getNwAddr().toString();
      case SET_NW_TOS -> Short.toString(((OFActionSetNwTos) a).getNwTos());
      case SET_NW_TTL -> Short.toString(((OFActionSetNwTtl) a).getNwTtl());
      case SET_MPLS_LABEL -> Long.toString(((OFActionSetMplsLabel) a).getMplsLabel());
      case SET_MPLS_TC -> Short.toString(((OFActionSetMplsTc) a).getMplsTc());
      case SET_MPLS_TTL -> Short.toString(((OFActionSetMplsTtl) a).getMplsTtl());
      case SET_TP_SRC -> ((OFActionSetTpSrc) a).getTpPort().toString();
      case SET_TP_DST -> ((OFActionSetTpDst) a).getTpPort().toString();
      case EXPERIMENTER -> Long.toString(((OFActionExperimenter) a).getExperimenter());
      default -> "";
    };
  }

  /** {@code KEY->VALUE}; Floodlight writes the EtherType and VLAN id of a set-field in decimal. */
  private static String setField(OFOxm<?> oxm) {
    Object value = oxm.getValue();
    String text;
    if (value instanceof EthType t) {
      text = Integer.toString(t.getValue());
    } else if (value instanceof OFVlanVidMatch v) {
      text = Short.toString(v.getVlan());
    } else {
      text = MatchFields.text(value);
    }
    return MatchFields.keyOf(oxm.getMatchField()) + "->" + text;
  }

  // ---- reading ----

  /**
   * Reads an action string for a switch speaking {@code f}'s version.
   *
   * @param field the entry field it came from, for error messages
   * @throws IllegalArgumentException naming the field and the action
   */
  public static List<OFAction> parse(String field, String text, OFFactory f) {
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
        out.add(new ActionReader(where, value, f).action(name));
      } catch (UnsupportedOperationException e) {
        throw new IllegalArgumentException(where + " is not supported on " + f.getVersion());
      }
    }
    return out;
  }
}
