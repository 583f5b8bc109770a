package org.netservof.bridge.testing;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.netservof.controller.api.OFSwitch;
import org.netservof.controller.testing.FakeSwitch;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFFlowStatsEntry;
import org.projectfloodlight.openflow.protocol.OFFlowStatsRequest;
import org.projectfloodlight.openflow.protocol.OFMeterBandStats;
import org.projectfloodlight.openflow.protocol.OFMeterStats;
import org.projectfloodlight.openflow.protocol.OFMeterStatsRequest;
import org.projectfloodlight.openflow.protocol.OFStatsReply;
import org.projectfloodlight.openflow.protocol.OFStatsRequest;
import org.projectfloodlight.openflow.protocol.match.Match;
import org.projectfloodlight.openflow.types.U64;

/**
 * A switch ({@link #sw}) whose flow and meter statistics are what the test last set: the flow entries it reports
 * (filtered by the request's cookie and mask, as a switch filters them) and its meters' drop counts. Everything
 * else is the {@link FakeSwitch}'s.
 */
public final class StatsSwitch implements InvocationHandler {
  public final OFSwitch sw;
  private final FakeSwitch base;
  private final List<OFFlowStatsEntry> flows = new ArrayList<>();
  private final List<OFMeterStats> meters = new ArrayList<>();
  private Exception failure;

  public StatsSwitch(FakeSwitch base) {
    this.base = base;
    this.sw = (OFSwitch) Proxy.newProxyInstance(OFSwitch.class.getClassLoader(), new Class<?>[] {OFSwitch.class},
        this);
  }

  /** Reports an entry with these counters from now on (instead of an entry of the same cookie and priority). */
  public synchronized StatsSwitch flow(U64 cookie, int priority, Match match, long packets, long bytes) {
    flows.removeIf(e -> e.getCookie().equals(cookie) && e.getPriority() == priority && e.getMatch().equals(match));
    flows.add(base.factory().buildFlowStatsEntry().setCookie(cookie).setPriority(priority).setMatch(match)
        .setPacketCount(U64.of(packets)).setByteCount(U64.of(bytes)).build());
    return this;
  }

  /** Reports no entries from now on. */
  public synchronized void clearFlows() {
    flows.clear();
  }

  /** Reports a meter whose drop band counted these from now on. */
  public synchronized StatsSwitch meter(long id, long droppedPackets, long droppedBytes) {
    meters.removeIf(m -> m.getMeterId() == id);
    OFFactory f = base.factory();
    OFMeterBandStats band = f.buildMeterBandStats().setPacketBandCount(U64.of(droppedPackets))
        .setByteBandCount(U64.of(droppedBytes)).build();
    meters.add(f.buildMeterStats().setMeterId(id).setBandStats(List.of(band)).build());
    return this;
  }

  /** Answers every statistics request from now on with this failure (null: answers again). */
  public synchronized void failWith(Exception e) {
    failure = e;
  }

  @Override
  public synchronized Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
    if (method.getName().equals("stats")) {
      return stats((OFStatsRequest<?>) args[0]);
    }
    try {
      return method.invoke(base, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  private CompletableFuture<List<OFStatsReply>> stats(OFStatsRequest<?> request) {
    OFFactory f = base.factory();
    if (failure != null) {
      return CompletableFuture.failedFuture(failure);
    }
    if (request instanceof OFFlowStatsRequest r) {
      long mask = r.getCookieMask().getValue();
      List<OFFlowStatsEntry> picked = flows.stream()
          .filter(e -> (e.getCookie().getValue() & mask) == (r.getCookie().getValue() & mask)).toList();
      return CompletableFuture.completedFuture(List.of(f.buildFlowStatsReply().setEntries(picked).build()));
    }
    if (request instanceof OFMeterStatsRequest) {
      return CompletableFuture.completedFuture(List.of(f.buildMeterStatsReply().setEntries(List.copyOf(meters))
          .build()));
    }
    return CompletableFuture.failedFuture(new UnsupportedOperationException("StatsSwitch answers " + request));
  }
}
