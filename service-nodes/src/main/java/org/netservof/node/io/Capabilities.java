package org.netservof.node.io;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;

/**
 * Gives up privileges once a container holds its socket: no capabilities (so module code cannot open
 * another raw socket), and no way to regain any. Linux capabilities belong to threads; threads the caller
 * starts afterwards inherit the empty sets, which is why the container drops them before it starts the
 * thread that runs modules.
 */
public final class Capabilities {
  private static final int LINUX_CAPABILITY_VERSION_3 = 0x20080522;

  private Capabilities() {}

  /** Drops every capability of the calling thread and sets no-new-privileges. */
  public static void dropAll() {
    LibC.prctl(LibC.PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
    Memory header = new Memory(8);
    header.setInt(0, LINUX_CAPABILITY_VERSION_3);
    header.setInt(4, 0);
    Memory data = new Memory(24);
    data.clear();
    try {
      LibC.capset(header, data);
    } catch (LastErrorException e) {
      throw new IllegalStateException("capset failed: errno " + e.getErrorCode(), e);
    }
  }
}
