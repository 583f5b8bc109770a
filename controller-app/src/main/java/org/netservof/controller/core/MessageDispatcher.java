package org.netservof.controller.core;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import org.netservof.controller.api.Command;
import org.netservof.controller.api.MessageContext;
import org.netservof.controller.api.MessageListener;
import org.netservof.controller.api.OFMessageService;
import org.netservof.controller.api.OFSwitch;
import org.netservof.controller.api.PacketInStage;
import org.netservof.controller.util.RepeatedFailures;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * The listener chains. Changes are rare and copy the chain; dispatch reads an immutable snapshot without
 * locking, so any number of I/O threads dispatch at once.
 */
public final class MessageDispatcher implements OFMessageService {
  private static final Logger log = LoggerFactory.getLogger(MessageDispatcher.class);
  private volatile Map<OFType, StagedList<PacketInStage, MessageListener>> chains = Map.of();
  private final LongAdder listenerFailures = new LongAdder();
  private final LongAdder overBudget = new LongAdder();
  private final Map<OFType, LongAdder> dispatched = new EnumMap<>(OFType.class);
  /** A listener that throws on every PacketIn is logged once per interval, not once per PacketIn. */
  private final RepeatedFailures failureLog;

  public MessageDispatcher() {
    this(System::nanoTime);
  }

  /** @param nanoTime the monotonic clock of the failure log's intervals */
  public MessageDispatcher(LongSupplier nanoTime) {
    this.failureLog = new RepeatedFailures(log, Level.ERROR, RepeatedFailures.INTERVAL, nanoTime);
    for (OFType type : OFType.values()) {
      dispatched.put(type, new LongAdder());
    }
  }

  @Override
  public synchronized void addListener(OFType type, PacketInStage stage, String name, MessageListener listener) {
    publish(type, chainOf(type).with(stage, name, listener, type + " listener"));
  }

  @Override
  public synchronized void removeListener(OFType type, MessageListener listener) {
    publish(type, chainOf(type).without(listener));
  }

  @Override
  public List<String> chain(OFType type) {
    return chainOf(type).names();
  }

  /** Runs the chain of the message's type until a listener says STOP; a listener that throws is skipped. */
  public void dispatch(OFSwitch sw, OFMessage message, MessageContext context) {
    dispatched.get(message.getType()).increment();
    for (StagedList.Entry<PacketInStage, MessageListener> listener : chainOf(message.getType()).entries()) {
      Command command;
      try {
        command = listener.item().receive(sw, message, context);
      } catch (RuntimeException e) {
        listenerFailed(listener.name(), sw, message, e);
        continue;
      }
      if (command == Command.STOP) {
        return;
      }
    }
  }

  private void listenerFailed(String listener, OFSwitch sw, OFMessage message, RuntimeException e) {
    listenerFailures.increment();
    failureLog.report(List.of(listener, sw.id(), e.getClass()), e, "listener '{}' failed on {} xid={} from switch {}",
        listener, message.getType(), message.getXid(), sw.id());
  }

  @Override
  public long dispatched(OFType type) {
    return dispatched.get(type).sum();
  }

  @Override
  public long packetInsOverBudget() {
    return overBudget.sum();
  }

  /** Counts the PacketIns dropped over their port's budget, across switches. */
  LongAdder overBudgetCounter() {
    return overBudget;
  }

  /** How many times a listener threw. */
  public long listenerFailures() {
    return listenerFailures.sum();
  }

  private StagedList<PacketInStage, MessageListener> chainOf(OFType type) {
    return chains.getOrDefault(type, StagedList.empty());
  }

  private void publish(OFType type, StagedList<PacketInStage, MessageListener> chain) {
    Map<OFType, StagedList<PacketInStage, MessageListener>> copy = new EnumMap<>(OFType.class);
    copy.putAll(chains);
    copy.put(type, chain);
    chains = copy;
  }
}
