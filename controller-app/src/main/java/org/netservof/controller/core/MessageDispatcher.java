package org.netservof.controller.core;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import org.netservof.controller.api.Command;
import org.netservof.controller.api.MessageContext;
import org.netservof.controller.api.MessageListener;
import org.netservof.controller.api.OFMessageService;
import org.netservof.controller.api.OFSwitch;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The listener chains. Changes are rare and copy the chain; dispatch reads an immutable snapshot without
 * locking, so any number of I/O threads dispatch at once.
 */
public final class MessageDispatcher implements OFMessageService {
  private static final Logger log = LoggerFactory.getLogger(MessageDispatcher.class);
  private final Map<OFType, List<MessageListener>> registered = new EnumMap<>(OFType.class);
  private volatile Map<OFType, List<MessageListener>> chains = Map.of();
  private final LongAdder listenerFailures = new LongAdder();
  private final Map<OFType, LongAdder> dispatched = new EnumMap<>(OFType.class);

  public MessageDispatcher() {
    for (OFType type : OFType.values()) {
      dispatched.put(type, new LongAdder());
    }
  }

  @Override
  public synchronized void addListener(OFType type, MessageListener listener) {
    List<MessageListener> current = registered.getOrDefault(type, List.of());
    for (MessageListener l : current) {
      if (l.name().equals(listener.name())) {
        throw new IllegalArgumentException("a " + type + " listener named '" + listener.name() + "' exists already");
      }
    }
    List<MessageListener> next = new ArrayList<>(current);
    next.add(listener);
    List<MessageListener> ordered = order(next);
    registered.put(type, next);
    publish(type, ordered);
  }

  @Override
  public synchronized void removeListener(OFType type, MessageListener listener) {
    List<MessageListener> current = registered.getOrDefault(type, List.of());
    List<MessageListener> next = new ArrayList<>(current);
    if (next.remove(listener)) {
      registered.put(type, next);
      publish(type, order(next));
    }
  }

  @Override
  public List<String> chain(OFType type) {
    return chains.getOrDefault(type, List.of()).stream().map(MessageListener::name).toList();
  }

  /** Runs the chain of the message's type until a listener says STOP; a listener that throws is skipped. */
  public void dispatch(OFSwitch sw, OFMessage message, MessageContext context) {
    dispatched.get(message.getType()).increment();
    List<MessageListener> chain = chains.get(message.getType());
    if (chain == null) {
      return;
    }
    for (MessageListener listener : chain) {
      Command command;
      try {
        command = listener.receive(sw, message, context);
      } catch (RuntimeException e) {
        listenerFailures.increment();
        log.error("listener '{}' failed on {} xid={} from switch {}", listener.name(), message.getType(),
            message.getXid(), sw.id(), e);
        continue;
      }
      if (command == Command.STOP) {
        return;
      }
    }
  }

  @Override
  public long dispatched(OFType type) {
    return dispatched.get(type).sum();
  }

  /** How many times a listener threw. */
  public long listenerFailures() {
    return listenerFailures.sum();
  }

  private void publish(OFType type, List<MessageListener> ordered) {
    Map<OFType, List<MessageListener>> copy = new EnumMap<>(OFType.class);
    copy.putAll(chains);
    copy.put(type, List.copyOf(ordered));
    chains = copy;
  }

  private static List<MessageListener> order(List<MessageListener> listeners) {
    return listeners.stream()
        .sorted(Comparator.comparing(MessageListener::stage).thenComparing(MessageListener::name)).toList();
  }
}
