package org.netservof.bridge.steering;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.netservof.controller.api.OFSwitch;
import org.netservof.policy.layout.Cookie;
import org.netservof.policy.layout.CookieOwner;
import org.netservof.policy.openflow.FlowMods;
import org.netservof.policy.openflow.Meters;
import org.netservof.policy.steering.SteeringLayout;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFGroupDescStatsEntry;
import org.projectfloodlight.openflow.protocol.OFGroupDescStatsReply;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.types.OFPort;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first time a switch connects to this controller, entries, groups and meters a previous run of
 * steering left there are deleted (by cookie, group id range, and all meters) before the plan is written; on
 * later reconnects the plan is written again over whatever survived. Runs on the installer's worker thread.
 */
final class SwitchCleaner {
  private static final Logger log = LoggerFactory.getLogger(SwitchCleaner.class);

  private final Duration timeout;
  private final Set<org.projectfloodlight.openflow.types.DatapathId> cleaned = new HashSet<>();

  SwitchCleaner(Duration timeout) {
    this.timeout = timeout;
  }

  void cleanOnFirstSight(OFSwitch sw) {
    if (!cleaned.add(sw.id()) || sw.factory().getVersion() == OFVersion.OF_10) {
      return;
    }
    OFFactory f = sw.factory();
    List<OFMessage> clean = new ArrayList<>();
    clean.add(FlowMods.delete(f, f.matchWildcardAll(), Cookie.of(CookieOwner.STEERING).value(), Cookie.ownerMask(),
        OFPort.ANY));
    // Meters carry no cookie; steering is the only user of meters on switches this controller manages.
    clean.add(Meters.delete(f, Meters.ALL));
    try {
      for (OFGroupDescStatsReply reply : sw.stats(f.buildGroupDescStatsRequest().build())
          .get(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        for (OFGroupDescStatsEntry g : reply.getEntries()) {
          if (SteeringLayout.isSteeringGroup(g.getGroup())) {
            clean.add(f.buildGroupDelete().setGroup(g.getGroup()).setGroupType(g.getGroupType()).build());
          }
        }
      }
      sw.writeConfirmed(clean).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      log.warn("switch {}: could not clear entries of an earlier steering run: {}", sw.id(), e.getMessage());
    }
  }
}
