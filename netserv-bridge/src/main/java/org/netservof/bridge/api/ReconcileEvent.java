package org.netservof.bridge.api;

import java.util.List;
import java.util.Objects;

/**
 * One audit of one switch that found the switch unlike intent, and what was repaired there.
 *
 * @param dpid the switch
 * @param reason why the audit ran: "switch connected", "periodic audit"
 * @param added entries, groups and meters intent wants that the switch lacked
 * @param modified entries, groups and meters the switch had otherwise than intent says, written over
 * @param deleted entries, groups and meters with steering's marks that intent does not want
 * @param repairs each repair in words (at most the first 20), e.g. "deleted entry cookie 0x10000005... (service
 *     5): its service is gone"
 */
public record ReconcileEvent(String dpid, String reason, int added, int modified, int deleted, List<String> repairs) {
  public ReconcileEvent {
    Objects.requireNonNull(dpid, "dpid");
    Objects.requireNonNull(reason, "reason");
    repairs = List.copyOf(repairs);
  }
}
