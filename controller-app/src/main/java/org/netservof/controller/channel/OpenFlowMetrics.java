package org.netservof.controller.channel;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.noop.NoopCounter;
import io.netty.channel.Channel;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.LongConsumer;
import java.util.function.Supplier;
import org.netservof.controller.api.OFErrors;
import org.projectfloodlight.openflow.protocol.OFErrorMsg;
import org.projectfloodlight.openflow.protocol.OFType;
import org.projectfloodlight.openflow.types.DatapathId;

/**
 * The OpenFlow channel's meters: messages in and out by type and switch, errors by type and code, PacketIn
 * handling time, barrier round trips, connections by outcome. A switch's meters are looked up once per
 * connection and message type ({@link MessageCounts}) and removed when the switch goes
 * ({@link #forget}), so the {@code switch} label only ever names connected switches. Off (metrics: false), nothing
 * is counted and the codec counts nothing. Thread-safe.
 */
public final class OpenFlowMetrics {
  static final String MESSAGES_IN = "netserv.openflow.messages.in";
  static final String MESSAGES_OUT = "netserv.openflow.messages.out";
  static final String ERRORS = "netserv.openflow.errors";
  /** PacketIn handling buckets: 10 us to 100 ms. */
  private static final List<Duration> PACKET_IN_BUCKETS = List.of(micros(10), micros(25), micros(50), micros(100),
      micros(250), micros(500), millis(1), micros(2500), millis(5), millis(10), millis(25), millis(50),
      millis(100));
  /** Barrier round-trip buckets: 100 us to 10 s (a switch busy with a large batch takes seconds). */
  private static final List<Duration> BARRIER_BUCKETS = List.of(micros(100), micros(250), micros(500), millis(1),
      micros(2500), millis(5), millis(10), millis(25), millis(50), millis(100), millis(250), millis(500),
      millis(1000), millis(2500), millis(5000), millis(10_000));
  private static final LongConsumer NOTHING = nanos -> { };
  private static final Counter DISCARDED = new NoopCounter(new Meter.Id("discarded", Tags.empty(), null, null,
      Meter.Type.COUNTER));
  /** After the constants its constructor reads. */
  private static final OpenFlowMetrics OFF = new OpenFlowMetrics(Optional.empty());

  private final Optional<MeterRegistry> registry;
  private final LongConsumer packetIns;
  private final LongConsumer barriers;

  private OpenFlowMetrics(Optional<MeterRegistry> registry) {
    this.registry = registry;
    this.packetIns = registry.map(r -> DurationHistogram.register(r, "netserv_openflow_packet_in_handling_seconds",
        "Time from a PacketIn's arrival at its connection to the end of its listener chain (one PacketIn in 16)",
        PACKET_IN_BUCKETS))
        .orElse(NOTHING);
    this.barriers = registry.map(r -> DurationHistogram.register(r, "netserv_openflow_barrier_round_trip_seconds",
        "Time from a barrier request to its reply", BARRIER_BUCKETS)).orElse(NOTHING);
  }

  /** Counts nothing; the channel runs without a metrics handler. */
  public static OpenFlowMetrics off() {
    return OFF;
  }

  /** Counts into {@code registry}. */
  public static OpenFlowMetrics of(MeterRegistry registry) {
    return new OpenFlowMetrics(Optional.of(registry));
  }

  /** Whether anything is counted: callers skip reading the clock when not. */
  public boolean enabled() {
    return registry.isPresent();
  }

  /** Records one PacketIn's handling time. */
  public void packetInHandled(long nanos) {
    packetIns.accept(nanos);
  }

  /** A switch completed its handshake ({@code connected}) or was refused ({@code refused}). */
  public void connection(String outcome) {
    registry.ifPresent(r -> Counter.builder("netserv.switch.connections").tag("outcome", outcome)
        .description("Switch connections by outcome: connected (handshake done, admitted) or refused").register(r)
        .increment());
  }

  /** A gauge of the connected switches in one OpenFlow role, read at scrape time. */
  public void switchesGauge(String role, Supplier<Number> count) {
    registry.ifPresent(r -> Gauge.builder("netserv.switches", count).tag("role", role)
        .description("Connected switches by this controller's OpenFlow role").register(r));
  }

  /**
   * The switch behind {@code channel} was admitted: its connection's messages count under its DPID from now on,
   * those of its handshake included.
   */
  public void admitted(Channel channel, DatapathId dpid) {
    MessageCounts counts = channel.attr(MessageCounts.KEY).get();
    if (counts == null) {
      return;
    }
    if (channel.eventLoop().inEventLoop()) {
      counts.bind(dpid);
    } else {
      channel.eventLoop().execute(() -> counts.bind(dpid));
    }
  }

  /** Removes the meters of a switch that disconnected. */
  public void forget(DatapathId dpid) {
    registry.ifPresent(r -> {
      for (String name : new String[] {MESSAGES_IN, MESSAGES_OUT, ERRORS}) {
        r.find(name).tag("switch", dpid.toString()).meters().forEach(r::remove);
      }
    });
  }

  /** The message counts of a new connection, kept on the channel for {@link #admitted}; none when off. */
  Optional<MessageCounts> newCounts(Channel channel) {
    if (registry.isEmpty()) {
      return Optional.empty();
    }
    MessageCounts counts = new MessageCounts(this, channel);
    channel.attr(MessageCounts.KEY).set(counts);
    return Optional.of(counts);
  }

  /** Where a connection that closed counts what still passes: nowhere. */
  Counter discarded() {
    return DISCARDED;
  }

  /** The counter of one switch's messages of one type, one way. */
  Counter messages(String name, DatapathId dpid, OFType type) {
    return Counter.builder(name).tag("type", lower(type.name())).tag("switch", dpid.toString())
        .description(name.equals(MESSAGES_IN) ? "OpenFlow messages received from switches"
            : "OpenFlow messages sent to switches")
        .register(registry.orElseThrow());
  }

  /** An OFPT_ERROR from a switch, by its error type and code. */
  void error(DatapathId dpid, OFErrorMsg error) {
    registry.ifPresent(r -> Counter.builder(ERRORS).tag("switch", dpid.toString())
        .tag("type", lower(error.getErrType().name())).tag("code", lower(OFErrors.code(error)))
        .description("OpenFlow errors switches returned, by error type and code").register(r).increment());
  }

  void barrierAnswered(long nanos) {
    barriers.accept(nanos);
  }

  private static String lower(String name) {
    return name.toLowerCase(Locale.ROOT);
  }

  private static Duration micros(long micros) {
    return Duration.ofNanos(micros * 1000);
  }

  private static Duration millis(long millis) {
    return Duration.ofMillis(millis);
  }
}
