package org.netservof.node.container;

import java.time.Duration;

/** A module's wait as poll's milliseconds: negative waits are no wait, long ones are capped rather than wrapped. */
final class FdTimeouts {
  private FdTimeouts() {}

  static int millis(Duration timeout) {
    if (timeout.isNegative()) {
      return 0;
    }
    return (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
  }
}
