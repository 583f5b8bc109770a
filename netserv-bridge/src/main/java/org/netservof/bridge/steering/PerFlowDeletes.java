package org.netservof.bridge.steering;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import org.netservof.controller.api.OFSwitch;
import org.netservof.controller.api.SwitchService;
import org.netservof.policy.layout.Cookie;
import org.netservof.policy.layout.CookieOwner;
import org.netservof.policy.openflow.FlowMods;
import org.netservof.policy.plan.FlowEntry;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.types.DatapathId;
import org.projectfloodlight.openflow.types.OFPort;
import org.projectfloodlight.openflow.types.U64;

/**
 * Deletes of reactive per-flow entries (which no plan holds) when their service, node or mark goes: the tracked
 * ones one by one, and on 1.1+ switches everything under the cookie mask too.
 */
record PerFlowDeletes(SwitchService switches, FlowTracker flows) {

  CompletableFuture<Void> ofService(int serviceId) {
    return delete(t -> t.serviceId() == serviceId, new Cookie(CookieOwner.STEERING, serviceId, 0, 0).value(),
        Cookie.serviceMask());
  }

  CompletableFuture<Void> ofNode(int nodeIndex) {
    return delete(t -> t.nodeIndex() == nodeIndex, new Cookie(CookieOwner.STEERING, 0, nodeIndex, 0).value(),
        Cookie.ownerAndNodeMask());
  }

  CompletableFuture<Void> ofMark(int mark) {
    return delete(t -> t.mark() == mark, null, null);
  }

  /**
   * Deletes tracked per-flow entries one by one (OpenFlow 1.0 has no cookie masks), and on 1.1+ switches
   * also everything under the cookie mask, if one is given, in case a removal report was lost; confirmed by
   * barriers.
   */
  private CompletableFuture<Void> delete(Predicate<FlowTracker.Tracked> doomed, U64 cookie, U64 mask) {
    Map<DatapathId, List<OFMessage>> deletes = new TreeMap<>();
    for (FlowEntry e : flows.take(doomed)) {
      switches.getSwitch(e.dpid()).ifPresent(sw ->
          deletes.computeIfAbsent(e.dpid(), k -> new ArrayList<>()).add(e.toDelete(sw.factory())));
    }
    for (OFSwitch sw : switches.switches()) {
      OFFactory f = sw.factory();
      if (cookie != null && f.getVersion() != OFVersion.OF_10) {
        deletes.computeIfAbsent(sw.id(), k -> new ArrayList<>())
            .add(FlowMods.delete(f, f.matchWildcardAll(), cookie, mask, OFPort.ANY));
      }
    }
    List<CompletableFuture<Void>> confirmations = new ArrayList<>();
    deletes.forEach((dpid, batch) -> switches.getSwitch(dpid).ifPresent(sw ->
        confirmations.add(sw.writeConfirmed(batch))));
    return CompletableFuture.allOf(confirmations.toArray(CompletableFuture[]::new));
  }

}
