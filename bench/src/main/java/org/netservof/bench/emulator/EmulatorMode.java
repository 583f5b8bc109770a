package org.netservof.bench.emulator;

/** How the emulated switches pace their PacketIns, as cbench's two modes. */
public enum EmulatorMode {
  /** Up to a window of PacketIns outstanding per switch: how many the controller can answer. */
  THROUGHPUT,
  /** One PacketIn in flight per switch: how long the controller takes to answer one. */
  LATENCY
}
