package org.netservof.node.io;

import com.sun.jna.Memory;
import java.util.ArrayList;
import java.util.List;

/**
 * Classic BPF programs for a node's packet sockets. The kernel takes the VLAN tag off a received frame and
 * keeps it beside the frame (the socket sees the frame untagged), so a container selects its own mark
 * with the ancillary VLAN loads. Frames the interface sends (other containers' replies) are dropped.
 */
final class Bpf {
  private static final int SKF_AD_OFF = -0x1000;
  private static final int SKF_AD_PKTTYPE = 4;
  private static final int SKF_AD_VLAN_TAG = 44;
  private static final int SKF_AD_VLAN_TAG_PRESENT = 48;
  private static final int PACKET_OUTGOING = 4;

  private static final short LD_W_ABS = 0x20;
  private static final short LD_H_ABS = 0x28;
  private static final short JEQ_K = 0x15;
  private static final short AND_K = 0x54;
  private static final short RET_K = 0x06;

  /** Jump targets of a {@link Step}. */
  private static final int NEXT = 0;
  private static final int DROP = 1;
  private static final int ACCEPT = 2;

  private Bpf() {}

  /** One instruction: code, jump-if-true, jump-if-false (relative), constant. */
  record Insn(short code, int jt, int jf, int k) {}

  /** The filter for a selection; frames the interface sent are always dropped. */
  static Insn[] program(Selection selection) {
    return switch (selection.kind()) {
      case NOTHING -> new Insn[] {new Insn(RET_K, 0, 0, 0)};
      case EVERYTHING -> incoming();
      case ETHER_TYPE -> incoming(
          new Step(LD_W_ABS, NEXT, NEXT, SKF_AD_OFF + SKF_AD_VLAN_TAG_PRESENT),
          new Step(JEQ_K, NEXT, DROP, 0),                             // tagged: not ours
          new Step(LD_H_ABS, NEXT, NEXT, 12),                         // ether type
          new Step(JEQ_K, ACCEPT, DROP, selection.value()));
      case VLAN -> incoming(
          new Step(LD_W_ABS, NEXT, NEXT, SKF_AD_OFF + SKF_AD_VLAN_TAG_PRESENT),
          new Step(JEQ_K, DROP, NEXT, 0),                             // untagged: not ours
          new Step(LD_W_ABS, NEXT, NEXT, SKF_AD_OFF + SKF_AD_VLAN_TAG),
          new Step(AND_K, NEXT, NEXT, 0x0fff),                        // the VLAN id
          new Step(JEQ_K, ACCEPT, DROP, selection.value()));
    };
  }

  /** An instruction whose jumps name where they go ({@link #NEXT}, {@link #DROP}, {@link #ACCEPT}). */
  private record Step(short code, int whenTrue, int whenFalse, int k) {}

  /**
   * A program that drops the frames the interface sent, then runs {@code body}, then ends in a drop and an
   * accept: the body's jumps are resolved to the offsets the kernel wants, relative to the next instruction.
   */
  private static Insn[] incoming(Step... body) {
    List<Step> steps = new ArrayList<>();
    steps.add(new Step(LD_W_ABS, NEXT, NEXT, SKF_AD_OFF + SKF_AD_PKTTYPE));
    steps.add(new Step(JEQ_K, DROP, body.length == 0 ? ACCEPT : NEXT, PACKET_OUTGOING));
    steps.addAll(List.of(body));
    int drop = steps.size();
    Insn[] program = new Insn[drop + 2];
    for (int i = 0; i < drop; i++) {
      Step step = steps.get(i);
      program[i] = new Insn(step.code(), offset(step.whenTrue(), i, drop), offset(step.whenFalse(), i, drop),
          step.k());
    }
    program[drop] = new Insn(RET_K, 0, 0, 0);
    program[drop + 1] = new Insn(RET_K, 0, 0, 0xffff);
    return program;
  }

  private static int offset(int target, int at, int drop) {
    return switch (target) {
      case NEXT -> 0;
      case DROP -> drop - at - 1;
      case ACCEPT -> drop - at;
      default -> throw new IllegalArgumentException("jump target " + target);
    };
  }

  /** The program as a {@code struct sock_fprog} and the instruction array it points to. */
  static Memory[] asSockFprog(Insn[] program) {
    Memory insns = new Memory(8L * program.length);
    for (int i = 0; i < program.length; i++) {
      Insn in = program[i];
      insns.setShort(8L * i, in.code());
      insns.setByte(8L * i + 2, (byte) in.jt());
      insns.setByte(8L * i + 3, (byte) in.jf());
      insns.setInt(8L * i + 4, in.k());
    }
    Memory fprog = new Memory(16);
    fprog.clear();
    fprog.setShort(0, (short) program.length);
    fprog.setPointer(8, insns);
    return new Memory[] {fprog, insns};
  }
}
