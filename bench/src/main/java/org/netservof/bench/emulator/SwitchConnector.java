package org.netservof.bench.emulator;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
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
  private final EventLoopGroup group;
  private final Bootstrap bootstrap;

  SwitchConnector(EmulatorConfig config, RunState run, EventLoopGroup group) {
    this.config = config;
    this.run = run;
    this.group = group;
    this.bootstrap = new Bootstrap().channel(NioSocketChannel.class).option(ChannelOption.TCP_NODELAY, true)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) SwitchEmulator.READY_TIMEOUT.toMillis());
  }

  /** A new switch on the next event loop, connecting as {@code role}. */
  SwitchSlot open(int index, ConnectionRole role) {
    SwitchSlot slot = new SwitchSlot(config, index, group.next());
    connect(slot, role);
    return slot;
  }

  /** Starts a switch's connection as a PROBE; completes when it was first answered or closed. */
  ConnectionTimes probe(int index) {
    return connect(new SwitchSlot(config, index, group.next()), ConnectionRole.PROBE);
  }

  /** Closes the switch's connection and opens a new one at once, on the switch's event loop. */
  void reconnect(SwitchSlot slot) {
    slot.loop.execute(() -> {
      slot.channel.close();
      connect(slot, ConnectionRole.RECONNECT);
    });
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
    ChannelFuture connect = bootstrap.clone(slot.loop).handler(new ChannelInitializer<Channel>() {
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
