package org.netservof.bench.emulator;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.netservof.controller.channel.OFMessageDecoder;
import org.netservof.controller.channel.OFMessageEncoder;

/**
 * A cbench-style load generator: N emulated OpenFlow switches connect to one controller, settle its
 * handshake and send it PacketIns; the controller's answers are counted per second. Frames are split and
 * read with the controller's own decoder (header length field, Loxi's generic reader).
 */
public final class SwitchEmulator {
  /** How long the switches get to connect and finish the controller's handshake. */
  public static final Duration READY_TIMEOUT = Duration.ofSeconds(15);
  /**
   * Between the last PacketIn and disconnecting: the controller's answers in flight arrive instead of
   * meeting a closed connection (NetServ-OF warns about each route it could not finish).
   */
  private static final Duration DRAIN = Duration.ofMillis(300);

  private final EmulatorConfig config;

  public SwitchEmulator(EmulatorConfig config) {
    this.config = config;
  }

  /** The emulated switches' connections and what each counts. */
  private record Switches(List<SwitchCounters> counters, List<LatencySamples> latencies, List<Channel> channels) {}

  /** Connects the switches, runs warm-up and measurement, and disconnects; a result with no ready switch when none got ready. */
  public EmulatorResult run() throws InterruptedException {
    RunState run = new RunState(config.switches());
    EventLoopGroup group = new MultiThreadIoEventLoopGroup(Runtime.getRuntime().availableProcessors(),
        new DefaultThreadFactory("switch-emulator"), NioIoHandler.newFactory());
    try {
      Switches switches = connect(group, run);
      int ready = run.awaitReady(READY_TIMEOUT);
      if (ready == 0) {
        return EmulatorResult.of(config, 0, List.of(), new EmulatorResult.Totals(0, 0, 0, 0, 0, 0, 0),
            Optional.empty());
      }
      return measure(run, switches, ready);
    } finally {
      group.shutdownGracefully(0, 2, TimeUnit.SECONDS).await(10, TimeUnit.SECONDS);
    }
  }

  /** Starts connecting every switch; a failed connection counts as a switch that will never be ready. */
  private Switches connect(EventLoopGroup group, RunState run) {
    Switches switches = new Switches(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    Bootstrap bootstrap = new Bootstrap().group(group).channel(NioSocketChannel.class)
        .option(ChannelOption.TCP_NODELAY, true)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) READY_TIMEOUT.toMillis());
    for (int i = 0; i < config.switches(); i++) {
      SwitchCounters c = new SwitchCounters();
      LatencySamples l = new LatencySamples();
      switches.counters().add(c);
      switches.latencies().add(l);
      int index = i;
      ChannelFuture connect = bootstrap.clone().handler(new ChannelInitializer<Channel>() {
        @Override
        protected void initChannel(Channel ch) {
          ch.pipeline().addLast("decoder", new OFMessageDecoder());
          ch.pipeline().addLast("encoder", new OFMessageEncoder());
          ch.pipeline().addLast("switch", new EmulatedSwitch(config, index, c, l, run));
        }
      }).connect(config.controller().toSocketAddress());
      connect.addListener(f -> {
        if (!f.isSuccess()) {
          run.switchFailed();
        }
      });
      switches.channels().add(connect.channel());
    }
    return switches;
  }

  /** Warm-up, the measured seconds, then a drain before the result. */
  private EmulatorResult measure(RunState run, Switches switches, int ready) throws InterruptedException {
    List<SwitchCounters> counters = switches.counters();
    Thread.sleep(config.warmup().toMillis());
    EmulatorResult.Totals start = EmulatorResult.Totals.of(counters);
    run.measuring(true);
    List<Long> perSecond = measure(counters, start.responses());
    run.measuring(false);
    run.stop();
    EmulatorResult.Totals measured = EmulatorResult.Totals.of(counters).minus(start);
    Optional<EmulatorResult.Latency> latency = config.mode() == EmulatorMode.LATENCY
        ? EmulatorResult.Latency.of(collect(switches.channels(), switches.latencies())) : Optional.empty();
    Thread.sleep(DRAIN.toMillis());
    return EmulatorResult.of(config, ready, perSecond, measured, latency);
  }

  /** Responses in each whole second, read against one start time so that sleeps do not drift. */
  private List<Long> measure(List<SwitchCounters> counters, long startResponses) throws InterruptedException {
    long t0 = System.nanoTime();
    long previous = startResponses;
    List<Long> perSecond = new ArrayList<>();
    for (int s = 1; s <= config.measured().toSeconds(); s++) {
      long wait = t0 + TimeUnit.SECONDS.toNanos(s) - System.nanoTime();
      if (wait > 0) {
        TimeUnit.NANOSECONDS.sleep(wait);
      }
      long now = EmulatorResult.Totals.of(counters).responses();
      perSecond.add(now - previous);
      previous = now;
    }
    return perSecond;
  }

  /** Every switch's round trips, each read on its own event loop (the only thread that writes them). */
  private static long[] collect(List<Channel> channels, List<LatencySamples> latencies) throws InterruptedException {
    long[] all = new long[0];
    for (int i = 0; i < channels.size(); i++) {
      LatencySamples samples = latencies.get(i);
      try {
        long[] one = channels.get(i).eventLoop().submit(samples::toArray).get(5, TimeUnit.SECONDS);
        long[] merged = Arrays.copyOf(all, all.length + one.length);
        System.arraycopy(one, 0, merged, all.length, one.length);
        all = merged;
      } catch (ExecutionException | TimeoutException e) {
        throw new IllegalStateException("cannot read the round trips of switch " + (i + 1), e);
      }
    }
    return all;
  }
}
