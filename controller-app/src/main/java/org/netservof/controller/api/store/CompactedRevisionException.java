package org.netservof.controller.api.store;

/**
 * A listener asked for events after a revision the store no longer keeps (etcd calls this compaction): the
 * caller must read the store whole ({@link IntentStore#all()}) and listen from its current revision.
 */
public final class CompactedRevisionException extends RuntimeException {
  private final long oldestKept;

  public CompactedRevisionException(long asked, long oldestKept) {
    super("events after revision " + asked + " are gone; the oldest kept is " + oldestKept
        + ": read the store whole and listen from its current revision");
    this.oldestKept = oldestKept;
  }

  public long oldestKept() {
    return oldestKept;
  }
}
