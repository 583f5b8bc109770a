package org.netservof.rest.netserv;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.netservof.controller.api.OFSwitch;
import org.netservof.controller.api.SwitchService;
import org.netservof.policy.layout.Cookie;
import org.netservof.policy.layout.CookieOwner;
import org.netservof.policy.openflow.StatsRequests;
import org.projectfloodlight.openflow.protocol.OFFlowStatsEntry;
import org.projectfloodlight.openflow.protocol.OFFlowStatsReply;
import org.projectfloodlight.openflow.types.U64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Steering's entries on the switches, read live, grouped by the service id in their cookie: one flow
 * statistics request per switch, however many services are asked about. A switch that does not answer in
 * time is left out, and logged.
 */
final class ServiceEntries {
  private static final Logger log = LoggerFactory.getLogger(ServiceEntries.class);
  private static final long TIMEOUT_MS = 5_000;

  private ServiceEntries() {}

  /** Every service's entries. */
  static Map<Integer, List<ServiceView.Entry>> read(SwitchService switches) {
    return read(switches, Cookie.of(CookieOwner.STEERING).value(), Cookie.ownerMask());
  }

  /** One service's entries: the switches select them by cookie, so the answer does not grow with the others. */
  static Map<Integer, List<ServiceView.Entry>> read(SwitchService switches, int serviceId) {
    return read(switches, new Cookie(CookieOwner.STEERING, serviceId, 0, 0).value(), Cookie.serviceMask());
  }

  private static Map<Integer, List<ServiceView.Entry>> read(SwitchService switches, U64 cookie, U64 mask) {
    Map<OFSwitch, CompletableFuture<List<OFFlowStatsReply>>> pending = new HashMap<>();
    for (OFSwitch sw : switches.switches()) {
      pending.put(sw, sw.stats(StatsRequests.flows(sw.factory(), sw.factory().matchWildcardAll(), cookie, mask)));
    }
    Map<Integer, List<ServiceView.Entry>> out = new HashMap<>();
    pending.forEach((sw, f) -> {
      try {
        for (OFFlowStatsReply reply : f.get(TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
          for (OFFlowStatsEntry e : reply.getEntries()) {
            Cookie owner = steeringCookie(e);
            if (owner != null && owner.service() != 0) {
              out.computeIfAbsent(owner.service(), k -> new ArrayList<>()).add(new ServiceView.Entry(
                  sw.id().toString(), e.getPriority(), e.getMatch().toString(), e.getPacketCount().getValue(),
                  e.getByteCount().getValue()));
            }
          }
        }
      } catch (Exception e) {
        log.warn("switch {}: no flow statistics for the service listing: {}", sw.id(), e.getMessage());
      }
    });
    return out;
  }

  /** The entry's cookie when steering owns it (OpenFlow 1.0 has no cookie mask: its reply holds every entry). */
  private static Cookie steeringCookie(OFFlowStatsEntry e) {
    try {
      Cookie c = Cookie.decode(e.getCookie());
      return c.owner() == CookieOwner.STEERING ? c : null;
    } catch (IllegalArgumentException notOurs) {
      return null;
    }
  }
}
