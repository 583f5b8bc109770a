package org.netservof.bench.emulator;

import io.netty.channel.EventLoopGroup;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The run once the switches are ready: warm-up, the measured seconds (with the reconnections and handshake
 * probes the {@link Disruption} asks for), the drop at the end, then a drain before the result.
 */
final class MeasuredRun {
  /**
   * Between the last PacketIn and disconnecting: the controller's answers in flight arrive instead of
   * meeting a closed connection (NetServ-OF warns about each route it could not finish).
   */
  private static final Duration DRAIN = Duration.ofMillis(300);
  /** Between one handshake probe's end and the next one's connect. */
  private static final Duration PROBE_GAP = Duration.ofMillis(200);

  private final EmulatorConfig config;
  private final RunState run;
  private final SwitchConnector connector;
  private final List<SwitchSlot> slots;
  private final List<SwitchCounters> counters;
  /** Where new switches (the probes) go. */
  private final EventLoopGroup group;
  private int reconnectsStarted;
  private int firstReconnectSecond = -1;

  MeasuredRun(EmulatorConfig config, RunState run, SwitchConnector connector, List<SwitchSlot> slots,
      EventLoopGroup group) {
    this.config = config;
    this.run = run;
    this.connector = connector;
    this.slots = slots;
    this.counters = slots.stream().map(s -> s.counters).toList();
    this.group = group;
  }

  EmulatorResult measure(int ready) throws InterruptedException {
    Thread.sleep(config.warmup().toMillis());
    EmulatorResult.Totals start = EmulatorResult.Totals.of(counters);
    run.measuring(true);
    // Its own thread: the probes block, waiting for each handshake.
    CompletableFuture<List<HandshakeTiming>> probes = CompletableFuture.supplyAsync(this::probeAll,
        task -> new Thread(task, "handshake-probes").start());
    List<List<Long>> seconds = perSecond(start);
    EmulatorResult.Totals measured = EmulatorResult.Totals.of(counters).minus(start);
    List<HandshakeTiming> probed = probes.join();
    run.measuring(false);
    Optional<HandshakeTiming> afterDrop = drop();
    run.stop();
    Optional<EmulatorResult.Latency> latency = config.mode() == EmulatorMode.LATENCY
        ? EmulatorResult.Latency.of(collect(s -> s.latencies)) : Optional.empty();
    Optional<Reconnects> reconnects = config.disruption().reconnects()
        ? Optional.of(Reconnects.of(reconnectsStarted, collect(s -> s.reconnects), seconds.get(1),
            firstReconnectSecond)) : Optional.empty();
    Thread.sleep(DRAIN.toMillis());
    return EmulatorResult.of(config, ready, seconds.get(0), seconds.get(1), measured, latency,
        new EmulatorResult.Disrupted(reconnects, probed, afterDrop));
  }

  /**
   * Responses and PacketIns answered in each whole second, read against one start time so that sleeps do
   * not drift; the switches reconnect at the end of every reconnect period but the last second.
   */
  private List<List<Long>> perSecond(EmulatorResult.Totals start) throws InterruptedException {
    long t0 = System.nanoTime();
    EmulatorResult.Totals previous = start;
    List<Long> responses = new ArrayList<>();
    List<Long> answered = new ArrayList<>();
    long seconds = config.measured().toSeconds();
    long every = Math.max(1, config.disruption().reconnectEvery().toSeconds());
    for (int s = 1; s <= seconds; s++) {
      long wait = t0 + TimeUnit.SECONDS.toNanos(s) - System.nanoTime();
      if (wait > 0) {
        TimeUnit.NANOSECONDS.sleep(wait);
      }
      EmulatorResult.Totals now = EmulatorResult.Totals.of(counters);
      responses.add(now.responses() - previous.responses());
      answered.add(now.answered() - previous.answered());
      previous = now;
      if (config.disruption().reconnects() && s % every == 0 && s < seconds) {
        slots.forEach(connector::reconnect);
        reconnectsStarted += slots.size();
        firstReconnectSecond = firstReconnectSecond < 0 ? s : firstReconnectSecond;
      }
    }
    return List.of(responses, answered);
  }

  /**
   * The handshake probes, one after another, each a new switch; an uncounted one first, as this JVM's
   * first connection since it started is slow on the emulator's side (class loading, compilation).
   */
  private List<HandshakeTiming> probeAll() {
    List<HandshakeTiming> timings = new ArrayList<>();
    try {
      for (int p = 0; p <= config.disruption().probes() && config.disruption().probes() > 0; p++) {
        HandshakeTiming timing = await(connector.probe(config.switches() + p, group.next()));
        if (p > 0) {
          timings.add(timing);
        }
        Thread.sleep(PROBE_GAP.toMillis());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return timings;
  }

  /**
   * The scenario: every switch drops its connection at once, while sending, and a new switch
   * connects right after; its handshake time.
   */
  private Optional<HandshakeTiming> drop() throws InterruptedException {
    Disruption.Drop drop = config.disruption().drop();
    if (drop == Disruption.Drop.NONE) {
      return Optional.empty();
    }
    slots.forEach(s -> connector.drop(s, drop == Disruption.Drop.RST));
    return Optional.of(await(connector.probe(config.switches() + config.disruption().probes() + 1, group.next())));
  }

  private static HandshakeTiming await(ConnectionTimes times) throws InterruptedException {
    try {
      return times.done.get(SwitchEmulator.READY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).timing();
    } catch (ExecutionException | TimeoutException e) {
      return times.timing(); // what it reached before the time ran out
    }
  }

  /** Every switch's samples of one kind, each read on the switch's event loop (the only thread writing them). */
  private long[] collect(java.util.function.Function<SwitchSlot, LatencySamples> which) throws InterruptedException {
    long[] all = new long[0];
    for (SwitchSlot slot : slots) {
      try {
        long[] one = slot.loop.submit(which.apply(slot)::toArray).get(5, TimeUnit.SECONDS);
        all = Arrays.copyOf(all, all.length + one.length);
        System.arraycopy(one, 0, all, all.length - one.length, one.length);
      } catch (ExecutionException | TimeoutException e) {
        throw new IllegalStateException("cannot read the samples of switch " + (slot.index + 1), e);
      }
    }
    return all;
  }
}
