package org.netservof.policy.layout;

import org.projectfloodlight.openflow.types.TableId;

/**
 * The table pipeline, declared as data. NetServ-OF uses a single table so that OpenFlow 1.0 switches and
 * 1.3 switches hold the same entries; the priority bands ({@link PriorityBand}) order what a multi-table
 * pipeline would order by tables.
 */
public enum Table {
  /** Every entry: capture, steering, forwarding and the table-miss entry. */
  MAIN(0);

  private final int id;

  Table(int id) {
    this.id = id;
  }

  public TableId id() {
    return TableId.of(id);
  }
}
