package org.netservof.bridge.testing;

import java.net.SocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import org.netservof.controller.api.OFSwitch;
import org.netservof.controller.testing.FakeSwitch;
import org.netservof.policy.testing.FakeFlowTable;
import org.projectfloodlight.openflow.protocol.OFControllerRole;
import org.projectfloodlight.openflow.protocol.OFDescStatsReply;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFFeaturesReply;
import org.projectfloodlight.openflow.protocol.OFFlowStatsRequest;
import org.projectfloodlight.openflow.protocol.OFGroupDescStatsRequest;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFMeterConfig;
import org.projectfloodlight.openflow.protocol.OFMeterConfigStatsRequest;
import org.projectfloodlight.openflow.protocol.OFMeterMod;
import org.projectfloodlight.openflow.protocol.OFMeterModCommand;
import org.projectfloodlight.openflow.protocol.OFPortDesc;
import org.projectfloodlight.openflow.protocol.OFRequest;
import org.projectfloodlight.openflow.protocol.OFStatsReply;
import org.projectfloodlight.openflow.protocol.OFStatsRequest;
import org.projectfloodlight.openflow.types.DatapathId;

/**
 * A switch whose tables are a {@link FakeFlowTable} and a meter table: confirmed writes change them as a switch
 * would (a meter ADD of a meter it has is refused, as Open vSwitch refuses it with METER_EXISTS), and flow, group
 * and meter statistics report them, so an audit can read back what was written or put there by hand.
 */
public final class TableSwitch implements OFSwitch {
  private final FakeSwitch base;
  public final FakeFlowTable tables;
  /** Meter id to the MeterMod that made it what it is. */
  public final Map<Long, OFMeterMod> meters = new TreeMap<>();
  public final List<OFMessage> written = new ArrayList<>();

  public TableSwitch(FakeSwitch base, FakeFlowTable tables) {
    this.base = base;
    this.tables = tables;
  }

  /** Messages written so far, and forgets them. */
  public synchronized List<OFMessage> take() {
    List<OFMessage> out = List.copyOf(written);
    written.clear();
    return out;
  }

  @Override
  public synchronized CompletableFuture<Void> writeConfirmed(Collection<? extends OFMessage> messages) {
    for (OFMessage m : messages) {
      if (m instanceof OFMeterMod mod && mod.getCommand() == OFMeterModCommand.ADD
          && meters.containsKey(mod.getMeterId())) {
        return CompletableFuture.failedFuture(new IllegalStateException("METER_MOD_FAILED/METER_EXISTS"));
      }
    }
    written.addAll(messages);
    for (OFMessage m : messages) {
      if (m instanceof OFMeterMod mod) {
        if (mod.getCommand() == OFMeterModCommand.DELETE) {
          meters.remove(mod.getMeterId());
        } else {
          meters.put(mod.getMeterId(), mod);
        }
      }
    }
    tables.write(id(), List.copyOf(messages));
    return CompletableFuture.completedFuture(null);
  }

  @Override
  @SuppressWarnings("unchecked")
  public synchronized <R extends OFStatsReply> CompletableFuture<List<R>> stats(OFStatsRequest<R> request) {
    OFFactory f = factory();
    OFStatsReply reply;
    if (request instanceof OFFlowStatsRequest r) {
      reply = tables.flowStats(id(), r.getCookie(), r.getCookieMask());
    } else if (request instanceof OFGroupDescStatsRequest) {
      reply = tables.groupStats(id());
    } else if (request instanceof OFMeterConfigStatsRequest) {
      List<OFMeterConfig> configs = meters.values().stream().map(m -> f.buildMeterConfig().setMeterId(m.getMeterId())
          .setFlags(m.getFlags()).setEntries(m.getMeters()).build()).toList();
      reply = f.buildMeterConfigStatsReply().setEntries(configs).build();
    } else {
      return base.stats(request);
    }
    return CompletableFuture.completedFuture(List.of((R) reply));
  }

  @Override
  public DatapathId id() {
    return base.id();
  }

  @Override
  public OFFactory factory() {
    return base.factory();
  }

  @Override
  public OFFeaturesReply features() {
    return base.features();
  }

  @Override
  public OFDescStatsReply description() {
    return base.description();
  }

  @Override
  public Collection<OFPortDesc> ports() {
    return base.ports();
  }

  @Override
  public SocketAddress remoteAddress() {
    return base.remoteAddress();
  }

  @Override
  public Instant connectedSince() {
    return base.connectedSince();
  }

  @Override
  public Duration handshakeDuration() {
    return base.handshakeDuration();
  }

  @Override
  public Optional<OFControllerRole> role() {
    return base.role();
  }

  @Override
  public boolean isConnected() {
    return true;
  }

  @Override
  public synchronized void write(OFMessage message) {
    written.add(message);
  }

  @Override
  public synchronized void write(Collection<? extends OFMessage> messages) {
    written.addAll(messages);
  }

  @Override
  public <R extends OFMessage> CompletableFuture<R> request(OFRequest<R> request) {
    return base.request(request);
  }

  @Override
  public void disconnect() {}
}
