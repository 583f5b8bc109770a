package org.netservof.controller.channel;

import io.micrometer.core.instrument.Counter;
import io.netty.channel.Channel;
import io.netty.util.AttributeKey;
import java.util.ArrayDeque;
import org.projectfloodlight.openflow.protocol.OFErrorMsg;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFType;
import org.projectfloodlight.openflow.types.DatapathId;

/**
 * Counts every OpenFlow message of one connection by direction and type, the switch's errors, and times its
 * barriers, called by the codec as it reads and writes each message (a handler of its own would add a pipeline
 * hop to every read, write and flush: measured, the larger part of what metrics cost a PacketIn). Until the
 * switch is admitted under its DPID the counts are kept here (a refused connection never shows up under a switch
 * label); then each type's counter is looked up once and kept. Barrier replies come in request order, so the
 * send times wait in a queue. Event-loop confined.
 */
final class MessageCounts {
  /** The connection's counts, for the switch registry to name them once it admits the switch. */
  static final AttributeKey<MessageCounts> KEY = AttributeKey.valueOf("netservof.message-counts");
  private static final int TYPES = OFType.values().length;
  /** Barriers remembered at once: a switch that never answers cannot grow the queue. */
  private static final int MAX_BARRIERS = 1024;
  private final OpenFlowMetrics metrics;
  private final Channel channel;
  private final long[] pendingIn = new long[TYPES];
  private final long[] pendingOut = new long[TYPES];
  private final ArrayDeque<long[]> barriers = new ArrayDeque<>();
  private Counter[] in;
  private Counter[] out;
  private DatapathId dpid;

  MessageCounts(OpenFlowMetrics metrics, Channel channel) {
    this.metrics = metrics;
    this.channel = channel;
  }

  /** The switch was admitted: what was counted so far goes to its counters, and so does everything after. */
  void bind(DatapathId id) {
    if (!channel.isActive() || dpid != null) {
      return;
    }
    dpid = id;
    in = new Counter[TYPES];
    out = new Counter[TYPES];
    for (OFType type : OFType.values()) {
      int t = type.ordinal();
      if (pendingIn[t] > 0) {
        counter(in, OpenFlowMetrics.MESSAGES_IN, type).increment(pendingIn[t]);
      }
      if (pendingOut[t] > 0) {
        counter(out, OpenFlowMetrics.MESSAGES_OUT, type).increment(pendingOut[t]);
      }
    }
  }

  /** A message the decoder read. */
  void received(OFMessage message) {
    OFType type = message.getType();
    count(in, pendingIn, OpenFlowMetrics.MESSAGES_IN, type);
    // By type, not instanceof: an interface check that fails scans the class's interfaces, on every PacketIn.
    if (type == OFType.ERROR && dpid != null && channel.isActive()) {
      metrics.error(dpid, (OFErrorMsg) message);
    } else if (type == OFType.BARRIER_REPLY) {
      answered(message.getXid());
    }
  }

  /** A message the encoder wrote. */
  void sent(OFMessage message) {
    OFType type = message.getType();
    count(out, pendingOut, OpenFlowMetrics.MESSAGES_OUT, type);
    if (type == OFType.BARRIER_REQUEST) {
      if (barriers.size() == MAX_BARRIERS) {
        barriers.poll();
      }
      barriers.add(new long[] {message.getXid(), System.nanoTime()});
    }
  }

  /** Times the barrier {@code xid} answers; those before it that got no reply are forgotten. */
  private void answered(long xid) {
    long[] sent;
    while ((sent = barriers.poll()) != null) {
      if (sent[0] == xid) {
        metrics.barrierAnswered(System.nanoTime() - sent[1]);
        return;
      }
    }
  }

  /** One message of {@code type}: on its counter once the switch is admitted, kept here until then. */
  private void count(Counter[] counters, long[] pending, String name, OFType type) {
    if (counters == null) {
      pending[type.ordinal()]++;
    } else {
      counter(counters, name, type).increment();
    }
  }

  /** The type's counter, looked up on its first message; none once closed, so a gone switch's stay removed. */
  private Counter counter(Counter[] counters, String name, OFType type) {
    Counter c = counters[type.ordinal()];
    if (c == null) {
      c = channel.isActive() ? metrics.messages(name, dpid, type) : metrics.discarded();
      counters[type.ordinal()] = c;
    }
    return c;
  }
}
