package org.netservof.rest.floodlight;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.projectfloodlight.openflow.protocol.OFGroupFeaturesStatsReply;
import org.projectfloodlight.openflow.protocol.OFGroupType;

/**
 * The body of {@code /wm/core/switch/{dpid}/group-features/json} as Floodlight writes it: numbers as decimal
 * strings, the capability set as an array of names.
 */
final class GroupFeaturesJson {
  private GroupFeaturesJson() {}

  /**
   * Floodlight's fields, and {@code types} besides (which group types the switch supports, from the reply's
   * bitmap, which Floodlight leaves out): a tool asking "can this switch do SELECT?" needs it.
   */
  static Map<String, Object> of(List<OFGroupFeaturesStatsReply> replies) {
    OFGroupFeaturesStatsReply r = replies.get(0); // a group features reply has one part
    Map<String, Object> features = new LinkedHashMap<>();
    features.put("types", supportedTypes(r.getTypes()));
    features.put("capabilities", r.getCapabilities().stream().map(Enum::name).sorted().toList());
    features.put("max_groups_all", Long.toString(r.getMaxGroupsAll()));
    features.put("max_groups_select", Long.toString(r.getMaxGroupsSelect()));
    features.put("max_groups_indirect", Long.toString(r.getMaxGroupsIndirect()));
    features.put("max_groups_ff", Long.toString(r.getMaxGroupsFf()));
    features.put("actions_all", Long.toString(r.getActionsAll()));
    features.put("actions_select", Long.toString(r.getActionsSelect()));
    features.put("actions_indirect", Long.toString(r.getActionsIndirect()));
    features.put("actions_ff", Long.toString(r.getActionsFf()));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("version", r.getVersion().name());
    out.put("group_features", features);
    return out;
  }

  /** The group types a bitmap names: bit n set for the type whose wire value is n (OpenFlow 1.3, 7.3.5.13). */
  static List<String> supportedTypes(long bitmap) {
    List<String> types = new ArrayList<>();
    OFGroupType[] byWireValue = {OFGroupType.ALL, OFGroupType.SELECT, OFGroupType.INDIRECT, OFGroupType.FF};
    for (int bit = 0; bit < byWireValue.length; bit++) {
      if ((bitmap & (1L << bit)) != 0) {
        types.add(byWireValue[bit].name());
      }
    }
    return types;
  }
}
