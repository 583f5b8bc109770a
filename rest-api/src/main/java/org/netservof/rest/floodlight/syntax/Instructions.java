package org.netservof.rest.floodlight.syntax;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.action.OFAction;
import org.projectfloodlight.openflow.protocol.instruction.OFInstruction;
import org.projectfloodlight.openflow.protocol.instruction.OFInstructionApplyActions;
import org.projectfloodlight.openflow.protocol.instruction.OFInstructionClearActions;
import org.projectfloodlight.openflow.protocol.instruction.OFInstructionGotoTable;
import org.projectfloodlight.openflow.protocol.instruction.OFInstructionMeter;
import org.projectfloodlight.openflow.protocol.instruction.OFInstructionWriteActions;
import org.projectfloodlight.openflow.protocol.instruction.OFInstructionWriteMetadata;
import org.projectfloodlight.openflow.types.TableId;
import org.projectfloodlight.openflow.types.U64;

/**
 * Floodlight's OpenFlow 1.1+ instructions, both ways. An entry posts them as flat keys
 * ({@code instruction_apply_actions: "output=2"}, {@code instruction_goto_table: "1"},
 * {@code instruction_write_metadata: "0x1/0xff"}); flow statistics and the static entry list write them as
 * one object per instruction ({@code {"instruction_apply_actions": {"actions": "output=2"}}}), and
 * {@code {"none": "drop"}} for none.
 */
public final class Instructions {
  public static final String APPLY = "instruction_apply_actions";
  public static final String WRITE = "instruction_write_actions";
  public static final String CLEAR = "instruction_clear_actions";
  public static final String GOTO_TABLE = "instruction_goto_table";
  public static final String WRITE_METADATA = "instruction_write_metadata";
  public static final String GOTO_METER = "instruction_goto_meter";
  public static final String EXPERIMENTER = "instruction_experimenter";

  private Instructions() {}

  // ---- writing ----

  /** Floodlight's instruction object: one key per instruction; none at all is {@code {"none": "drop"}}. */
  public static Map<String, Object> toJson(List<OFInstruction> instructions) {
    if (instructions.isEmpty()) {
      return Map.of("none", "drop");
    }
    Map<String, Object> out = new LinkedHashMap<>();
    for (OFInstruction i : instructions) {
      if (i instanceof OFInstructionApplyActions a) {
        out.put(APPLY, actions(a.getActions()));
      } else if (i instanceof OFInstructionWriteActions w) {
        out.put(WRITE, actions(w.getActions()));
      } else if (i instanceof OFInstructionClearActions) {
        out.put(CLEAR, Map.of());
      } else if (i instanceof OFInstructionGotoTable g) {
        out.put(GOTO_TABLE, Map.of(GOTO_TABLE, Short.toString(g.getTableId().getValue())));
      } else if (i instanceof OFInstructionWriteMetadata m) {
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put(WRITE_METADATA, m.getMetadata().toString());
        meta.put(WRITE_METADATA + "_mask", m.getMetadataMask().toString());
        out.put(WRITE_METADATA, meta);
      } else if (i instanceof OFInstructionMeter m) {
        out.put(GOTO_METER, Map.of(GOTO_METER, Long.toString(m.getMeterId())));
      } else {
        out.put("instruction_" + i.getType().name().toLowerCase(Locale.ROOT), Map.of());
      }
    }
    return out;
  }

  /** An action list object: {@code {"actions": "output=3"}}, or {@code {"none": "drop"}} when empty. */
  public static Map<String, String> actions(List<OFAction> actions) {
    return actions.isEmpty() ? Map.of("none", "drop") : Map.of("actions", ActionStrings.of(actions));
  }

  // ---- reading ----

  /**
   * The instructions an entry's fields name, in the order OpenFlow 1.3 executes them: meter, apply, clear,
   * write, metadata, goto. {@code actions} is taken as {@code instruction_apply_actions}, as Floodlight does.
   *
   * @param table the entry's table, which a goto must go beyond
   */
  public static List<OFInstruction> parse(Map<String, String> fields, OFFactory f, int table) {
    List<OFInstruction> out = new ArrayList<>();
    Optional.ofNullable(fields.get(EXPERIMENTER)).ifPresent(t -> {
      throw new IllegalArgumentException(EXPERIMENTER + ": experimenter instructions are not supported");
    });
    field(fields, GOTO_METER).ifPresent(t -> out.add(f.instructions().buildMeter()
        .setMeterId(Values.number(GOTO_METER, t, 1, 0xffff0000L)).build()));
    String applyKey = fields.containsKey("actions") ? "actions" : APPLY;
    field(fields, applyKey).ifPresent(t -> out.add(f.instructions().applyActions(ActionStrings.parse(applyKey, t, f))));
    field(fields, CLEAR).ifPresent(t -> out.add(f.instructions().clearActions()));
    field(fields, WRITE).ifPresent(t -> out.add(f.instructions().writeActions(ActionStrings.parse(WRITE, t, f))));
    field(fields, WRITE_METADATA).ifPresent(t -> {
      String[] vm = t.split("/");
      U64 value = U64.of(Values.unsigned64(WRITE_METADATA, vm[0]));
      U64 mask = vm.length > 1 ? U64.of(Values.unsigned64(WRITE_METADATA, vm[1])) : U64.of(-1L); // all bits
      out.add(f.instructions().buildWriteMetadata().setMetadata(value).setMetadataMask(mask).build());
    });
    field(fields, GOTO_TABLE).ifPresent(t -> {
      int next = Values.integer(GOTO_TABLE, t, 0, 254);
      if (next <= table) {
        throw new IllegalArgumentException(GOTO_TABLE + ": " + next + " must be after this entry's table " + table);
      }
      out.add(f.instructions().gotoTable(TableId.of(next)));
    });
    return out;
  }

  private static Optional<String> field(Map<String, String> fields, String key) {
    return Optional.ofNullable(fields.get(key));
  }
}
