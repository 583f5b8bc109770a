package org.netservof.node.io;

import com.sun.jna.Memory;

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

  private Bpf() {}

  /** One instruction: code, jump-if-true, jump-if-false (relative), constant. */
  record Insn(short code, int jt, int jf, int k) {}

  /** The filter for a selection; frames the interface sent are always dropped. */
  static Insn[] program(Selection selection) {
    return switch (selection.kind()) {
      case NOTHING -> new Insn[] {new Insn(RET_K, 0, 0, 0)};
      case EVERYTHING -> new Insn[] {
          new Insn(LD_W_ABS, 0, 0, SKF_AD_OFF + SKF_AD_PKTTYPE),    // 0
          new Insn(JEQ_K, 0, 1, PACKET_OUTGOING),                   // 1: outgoing -> 2, else -> 3
          new Insn(RET_K, 0, 0, 0),                                 // 2: drop
          new Insn(RET_K, 0, 0, 0xffff),                            // 3: accept
      };
      case ETHER_TYPE -> new Insn[] {
          new Insn(LD_W_ABS, 0, 0, SKF_AD_OFF + SKF_AD_PKTTYPE),    // 0
          new Insn(JEQ_K, 4, 0, PACKET_OUTGOING),                   // 1: outgoing -> 6 (drop)
          new Insn(LD_W_ABS, 0, 0, SKF_AD_OFF + SKF_AD_VLAN_TAG_PRESENT), // 2
          new Insn(JEQ_K, 0, 2, 0),                                 // 3: tagged -> 6 (drop)
          new Insn(LD_H_ABS, 0, 0, 12),                             // 4: ether type
          new Insn(JEQ_K, 1, 0, selection.value()),                 // 5: ours -> 7 (accept)
          new Insn(RET_K, 0, 0, 0),                                 // 6: drop
          new Insn(RET_K, 0, 0, 0xffff),                            // 7: accept
      };
      case VLAN -> new Insn[] {
          new Insn(LD_W_ABS, 0, 0, SKF_AD_OFF + SKF_AD_PKTTYPE),    // 0
          new Insn(JEQ_K, 5, 0, PACKET_OUTGOING),                   // 1: outgoing -> 7 (drop)
          new Insn(LD_W_ABS, 0, 0, SKF_AD_OFF + SKF_AD_VLAN_TAG_PRESENT), // 2
          new Insn(JEQ_K, 3, 0, 0),                                 // 3: untagged -> 7 (drop)
          new Insn(LD_W_ABS, 0, 0, SKF_AD_OFF + SKF_AD_VLAN_TAG),   // 4
          new Insn(AND_K, 0, 0, 0x0fff),                            // 5
          new Insn(JEQ_K, 1, 0, selection.value()),                 // 6: our vid -> 8 (accept)
          new Insn(RET_K, 0, 0, 0),                                 // 7: drop
          new Insn(RET_K, 0, 0, 0xffff),                            // 8: accept
      };
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
