package org.netservof.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a flow entry does, in one cell, from Floodlight's JSON: OpenFlow 1.3 {@code instructions} (one key per
 * instruction) or OpenFlow 1.0 {@code actions}. Apply-actions print bare ({@code output=3}), being what nearly
 * every entry has; the rest are named ({@code goto_table=1}, {@code write(output=2)}); no actions is
 * {@code drop}.
 */
final class FlowText {
  private FlowText() {}

  static String actions(JsonNode flow) {
    JsonNode instructions = flow.get("instructions");
    if (instructions != null && instructions.isObject()) {
      return instructions(instructions);
    }
    JsonNode actions = flow.get("actions");
    if (actions != null && actions.isObject()) {
      return actionList(actions);
    }
    return actions == null ? null : JsonText.text(actions);
  }

  private static String instructions(JsonNode instructions) {
    List<String> parts = new ArrayList<>();
    for (Map.Entry<String, JsonNode> e : instructions.properties()) {
      JsonNode v = e.getValue();
      switch (e.getKey()) {
        case "none" -> parts.add("drop");
        case "instruction_apply_actions" -> parts.add(actionList(v));
        case "instruction_write_actions" -> parts.add("write(" + actionList(v) + ")");
        case "instruction_clear_actions" -> parts.add("clear_actions");
        case "instruction_goto_table" -> parts.add("goto_table=" + JsonText.text(v, "instruction_goto_table"));
        case "instruction_goto_meter" -> parts.add("meter=" + JsonText.text(v, "instruction_goto_meter"));
        case "instruction_write_metadata" -> parts.add("write_metadata=" + JsonText.text(v,
            "instruction_write_metadata") + maskSuffix(JsonText.text(v, "instruction_write_metadata_mask")));
        default -> parts.add(e.getKey() + "=" + JsonText.text(v));
      }
    }
    return parts.isEmpty() ? "drop" : String.join(" ", parts);
  }

  /** {@code {"actions": "output=3"}} or {@code {"none": "drop"}}. */
  private static String actionList(JsonNode v) {
    if (v == null || v.has("none")) {
      return "drop";
    }
    String a = JsonText.text(v, "actions");
    return a == null || a.isBlank() ? "drop" : a;
  }

  private static String maskSuffix(String mask) {
    return mask == null ? "" : "/" + mask;
  }
}
