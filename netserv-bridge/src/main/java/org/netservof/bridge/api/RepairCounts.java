package org.netservof.bridge.api;

/**
 * What steering's audits of one switch have repaired since the controller started.
 *
 * @param audits audits of the switch (each read its tables back and compared them with intent)
 * @param added entries, groups and meters written because the switch lacked them
 * @param modified entries, groups and meters written over because the switch had them otherwise
 * @param deleted entries, groups and meters deleted because intent does not want them
 */
public record RepairCounts(long audits, long added, long modified, long deleted) {
  public static final RepairCounts NONE = new RepairCounts(0, 0, 0, 0);

  /** These counts and one more audit with its repairs. */
  public RepairCounts plus(int added, int modified, int deleted) {
    return new RepairCounts(audits + 1, this.added + added, this.modified + modified, this.deleted + deleted);
  }
}
