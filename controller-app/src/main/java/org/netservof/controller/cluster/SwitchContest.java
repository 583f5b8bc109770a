package org.netservof.controller.cluster;

import java.util.Optional;
import java.util.function.Consumer;
import org.netservof.controller.api.OFSwitch;
import org.netservof.controller.api.cluster.SwitchRole;

/**
 * One connected switch as the mastership sees it: the connection, where its decided role goes, this member's
 * candidacy and the last role request sent. Guarded by the {@link MastershipManager}'s lock, except
 * {@link #role}, which is read without it.
 */
final class SwitchContest {
  final OFSwitch sw;
  final Consumer<SwitchRole> decided;
  /** Whether this switch has an election (OpenFlow 1.3+ in a cluster). */
  final boolean elected;
  private volatile SwitchRole role;
  Optional<Elections.Candidacy> candidacy = Optional.empty();
  /** The role last asked of the switch and its generation; empty when none is pending or standing. */
  Optional<SwitchRole> requested = Optional.empty();
  /** Bumped by every role request, so an answer to an older one is ignored. */
  long requests;
  boolean closed;

  SwitchContest(OFSwitch sw, Consumer<SwitchRole> decided, boolean elected, SwitchRole role) {
    this.sw = sw;
    this.decided = decided;
    this.elected = elected;
    this.role = role;
  }

  SwitchRole role() {
    return role;
  }

  void role(SwitchRole decision) {
    role = decision;
  }

  void withdraw() {
    candidacy.ifPresent(Elections.Candidacy::withdraw);
    candidacy = Optional.empty();
  }
}
