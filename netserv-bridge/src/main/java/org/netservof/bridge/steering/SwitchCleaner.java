package org.netservof.bridge.steering;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import org.netservof.controller.api.OFSwitch;
import org.netservof.controller.api.SwitchSetup;
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
import org.projectfloodlight.openflow.types.DatapathId;
import org.projectfloodlight.openflow.types.OFPort;

/**
 * Steering's part of what a connecting switch receives (the CLEAN stage): the first time a switch connects
 * to this controller, entries, groups and meters a previous run of steering left there are deleted (by
 * cookie, by group id range, and all meters) before the plan is written; on later reconnects the plan is
 * written again over whatever survived. It returns messages; the switch manager writes and confirms them.
 */
final class SwitchCleaner implements SwitchSetup {
  static final String NAME = "steering-clean";

  private final Set<DatapathId> cleaned = ConcurrentHashMap.newKeySet();

  @Override
  public CompletionStage<List<OFMessage>> messages(OFSwitch sw) {
    if (sw.factory().getVersion() == OFVersion.OF_10 || !cleaned.add(sw.id())) {
      return CompletableFuture.completedFuture(List.of());
    }
    OFFactory f = sw.factory();
    List<OFMessage> clean = new ArrayList<>();
    clean.add(FlowMods.delete(f, f.matchWildcardAll(), Cookie.of(CookieOwner.STEERING).value(), Cookie.ownerMask(),
        OFPort.ANY));
    // Meters carry no cookie: all go, and the core writes its controller-bound meters again in the next stage.
    clean.add(Meters.delete(f, Meters.ALL));
    return sw.stats(f.buildGroupDescStatsRequest().build()).thenApply(replies -> {
      for (OFGroupDescStatsReply reply : replies) {
        for (OFGroupDescStatsEntry g : reply.getEntries()) {
          if (SteeringLayout.isSteeringGroup(g.getGroup())) {
            clean.add(f.buildGroupDelete().setGroup(g.getGroup()).setGroupType(g.getGroupType()).build());
          }
        }
      }
      return List.copyOf(clean);
    });
  }
}
