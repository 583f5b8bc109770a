package org.netservof.bench.emulator;

/** Why a switch's connection was opened, which decides when it starts sending. */
enum ConnectionRole {
  /** The switch's first connection: it waits for the controller's handshake to settle, then sends. */
  FIRST,
  /**
   * A switch coming back after it dropped its connection: as cbench's switches, it sends from the moment it
   * answered FEATURES, so the time to its first answer shows when the controller served it again.
   */
  RECONNECT,
  /** A new switch timing the controller's handshake: eager as a reconnection, one PacketIn at a time. */
  PROBE;

  boolean eager() {
    return this != FIRST;
  }
}
