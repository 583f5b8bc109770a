package org.netservof.bridge.testing;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import org.netservof.controller.api.OFSwitch;
import org.netservof.controller.testing.FakeSwitch;
import org.netservof.policy.testing.FakeFlowTable;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFFlowStatsRequest;
import org.projectfloodlight.openflow.protocol.OFGroupDescStatsRequest;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFMeterConfig;
import org.projectfloodlight.openflow.protocol.OFMeterConfigStatsRequest;
import org.projectfloodlight.openflow.protocol.OFMeterMod;
import org.projectfloodlight.openflow.protocol.OFMeterModCommand;
import org.projectfloodlight.openflow.protocol.OFStatsReply;
import org.projectfloodlight.openflow.protocol.OFStatsRequest;

/**
 * A switch ({@link #sw}) whose tables are a {@link FakeFlowTable} and a meter table: confirmed writes change them
 * as a switch would (a meter ADD of a meter it has is refused, as Open vSwitch refuses it with METER_EXISTS), and
 * flow, group and meter statistics report them, so an audit can read back what was written or put there by hand.
 * Everything else is the {@link FakeSwitch}'s.
 */
public final class TableSwitch implements InvocationHandler {
  public final OFSwitch sw;
  public final FakeFlowTable tables;
  /** Meter id to the MeterMod that made it what it is. */
  public final Map<Long, OFMeterMod> meters = new TreeMap<>();
  private final FakeSwitch base;
  private final List<OFMessage> written = new ArrayList<>();

  public TableSwitch(FakeSwitch base, FakeFlowTable tables) {
    this.base = base;
    this.tables = tables;
    this.sw = (OFSwitch) Proxy.newProxyInstance(OFSwitch.class.getClassLoader(), new Class<?>[] {OFSwitch.class},
        this);
  }

  /** Messages written so far, and forgets them. */
  public synchronized List<OFMessage> take() {
    List<OFMessage> out = List.copyOf(written);
    written.clear();
    return out;
  }

  @Override
  @SuppressWarnings("unchecked")
  public synchronized Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
    switch (method.getName()) {
      case "stats":
        return stats((OFStatsRequest<?>) args[0]);
      case "writeConfirmed":
        return writeConfirmed((Collection<? extends OFMessage>) args[0]);
      case "write":
        written.addAll(args[0] instanceof OFMessage m ? List.of(m) : (Collection<? extends OFMessage>) args[0]);
        return null;
      default:
        try {
          return method.invoke(base, args);
        } catch (InvocationTargetException e) {
          throw e.getCause();
        }
    }
  }

  private CompletableFuture<Void> writeConfirmed(Collection<? extends OFMessage> messages) {
    for (OFMessage m : messages) {
      if (m instanceof OFMeterMod mod && mod.getCommand() == OFMeterModCommand.ADD
          && meters.containsKey(mod.getMeterId())) {
        return CompletableFuture.failedFuture(new IllegalStateException("METER_MOD_FAILED/METER_EXISTS"));
      }
    }
    written.addAll(messages);
    for (OFMessage m : messages) {
      if (m instanceof OFMeterMod mod && mod.getCommand() == OFMeterModCommand.DELETE) {
        meters.remove(mod.getMeterId());
      } else if (m instanceof OFMeterMod mod) {
        meters.put(mod.getMeterId(), mod);
      }
    }
    tables.write(base.id(), List.copyOf(messages));
    return CompletableFuture.completedFuture(null);
  }

  private CompletableFuture<List<OFStatsReply>> stats(OFStatsRequest<?> request) {
    OFFactory f = base.factory();
    OFStatsReply reply;
    if (request instanceof OFFlowStatsRequest r) {
      reply = tables.flowStats(base.id(), r.getCookie(), r.getCookieMask());
    } else if (request instanceof OFGroupDescStatsRequest) {
      reply = tables.groupStats(base.id());
    } else if (request instanceof OFMeterConfigStatsRequest) {
      List<OFMeterConfig> configs = meters.values().stream().map(m -> f.buildMeterConfig().setMeterId(m.getMeterId())
          .setFlags(m.getFlags()).setEntries(m.getMeters()).build()).toList();
      reply = f.buildMeterConfigStatsReply().setEntries(configs).build();
    } else {
      return CompletableFuture.failedFuture(new UnsupportedOperationException("TableSwitch answers " + request));
    }
    return CompletableFuture.completedFuture(List.of(reply));
  }
}
