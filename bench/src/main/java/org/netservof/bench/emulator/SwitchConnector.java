package org.netservof.bench.emulator;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import org.netservof.controller.channel.OFMessageDecoder;
import org.netservof.controller.channel.OFMessageEncoder;

/**
 * Opens, reopens and drops the emulated switches' connections. Frames are split and read with the
 * controller's own decoder (header length field, Loxi's generic reader).
 */
final class SwitchConnector {
  private final EmulatorConfig config;
  private final RunState run;

  SwitchConnector(EmulatorConfig config, RunState run) {
    this.config = config;
    this.run = run;
  }

  /** Closes the switch's connection and opens a new one at once, on the switch's event loop. */
  void reconnect(SwitchSlot slot) {
    slot.loop.execute(() -> {
      slot.channel.close();
      connect(slot, ConnectionRole.RECONNECT);
    });
  }

  /** A new switch on {@code loop} (for good), connecting for the first time. */
  SwitchSlot open(int index, EventLoop loop) {
    SwitchSlot slot = new SwitchSlot(config, index, loop);
    connect(slot, ConnectionRole.FIRST);
    return slot;
  }

  /** Starts a new switch's connection as a PROBE; its times complete when it was first answered or closed. */
  ConnectionTimes probe(int index, EventLoop loop) {
    return connect(new SwitchSlot(config, index, loop), ConnectionRole.PROBE);
  }

  /** Closes the switch's connection, with a TCP reset when {@code reset}; returns when it is closed. */
  ChannelFuture drop(SwitchSlot slot, boolean reset) {
    Channel ch = slot.channel;
    if (reset && ch instanceof SocketChannel socket && socket.isActive()) {
      socket.config().setSoLinger(0); // close() then sends RST, not FIN
    }
    return ch.close();
  }

  private ConnectionTimes connect(SwitchSlot slot, ConnectionRole role) {
    ConnectionTimes times = new ConnectionTimes(System.nanoTime());
    // On the switch's own loop, so that a reconnection shares its thread with the switch's state.
    Bootstrap bootstrap = new Bootstrap().group(slot.loop).channel(NioSocketChannel.class)
        .option(ChannelOption.TCP_NODELAY, true)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) SwitchEmulator.READY_TIMEOUT.toMillis());
    ChannelFuture connect = bootstrap.handler(new ChannelInitializer<Channel>() {
      @Override
      protected void initChannel(Channel ch) {
        ch.pipeline().addLast("decoder", new OFMessageDecoder());
        ch.pipeline().addLast("encoder", new OFMessageEncoder());
        ch.pipeline().addLast("switch", new EmulatedSwitch(config, slot, run, role, times));
      }
    }).connect(config.controller().toSocketAddress());
    connect.addListener(f -> {
      if (!f.isSuccess()) {
        if (role == ConnectionRole.FIRST) {
          run.switchFailed();
        }
        times.closed();
      }
    });
    slot.channel = connect.channel();
    return times;
  }
}
