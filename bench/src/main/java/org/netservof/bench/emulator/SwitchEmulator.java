package org.netservof.bench.emulator;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A cbench-style load generator: N emulated OpenFlow switches connect to one controller, settle its
 * handshake and send it PacketIns; the controller's answers are counted per second. Optionally the switches
 * reconnect mid-run, new switches time the controller's handshake while the others send, and all of them
 * drop at once at the end (see {@link Disruption}).
 */
public final class SwitchEmulator {
  /** How long the switches get to connect and finish the controller's handshake. */
  public static final Duration READY_TIMEOUT = Duration.ofSeconds(15);

  private final EmulatorConfig config;

  public SwitchEmulator(EmulatorConfig config) {
    this.config = config;
  }

  /** Connects the switches, runs warm-up and measurement, and disconnects; a result with no ready switch when none got ready. */
  public EmulatorResult run() throws InterruptedException {
    RunState run = new RunState(config.switches());
    EventLoopGroup group = new MultiThreadIoEventLoopGroup(Runtime.getRuntime().availableProcessors(),
        new DefaultThreadFactory("switch-emulator"), NioIoHandler.newFactory());
    try {
      SwitchConnector connector = new SwitchConnector(config, run);
      List<SwitchSlot> slots = new ArrayList<>();
      for (int i = 0; i < config.switches(); i++) {
        slots.add(connector.open(i, group.next()));
      }
      int ready = run.awaitReady(READY_TIMEOUT);
      if (ready == 0 && config.switches() > 0) {
        return EmulatorResult.noneReady(config);
      }
      return new MeasuredRun(config, run, connector, slots, group).measure(ready);
    } finally {
      group.shutdownGracefully(0, 2, TimeUnit.SECONDS).await(10, TimeUnit.SECONDS);
    }
  }
}
