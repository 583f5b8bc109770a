package org.netservof.bridge.nodes;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.LineBasedFrameDecoder;
import io.netty.handler.codec.string.StringDecoder;
import io.netty.handler.codec.string.StringEncoder;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.netservof.controller.api.HostPort;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Listens for node agents: one JSON message per line over TCP, on one I/O thread (nodes are few and quiet). */
final class NodeChannelServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(NodeChannelServer.class);
  /** A heartbeat with many containers' statistics is the longest line; anything longer is out of protocol. */
  private static final int MAX_LINE = 4 << 20;

  private final NodeManager manager;
  private final NodeChannelConfig config;
  private final ChannelGroup connections = new DefaultChannelGroup("nodes", GlobalEventExecutor.INSTANCE);
  private EventLoopGroup group;
  private Channel listener;
  /** Set when the controller closes the channel to stop; its connections closing then are no nodes lost. */
  private volatile boolean closing;

  NodeChannelServer(NodeManager manager, NodeChannelConfig config) {
    this.manager = manager;
    this.config = config;
  }

  /**
   * Starts listening.
   *
   * @throws IllegalStateException naming the address when it cannot be bound
   */
  synchronized InetSocketAddress bind(HostPort address) {
    group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("node-channel"), NioIoHandler.newFactory());
    ServerBootstrap bootstrap = new ServerBootstrap()
        .group(group)
        .channel(NioServerSocketChannel.class)
        .option(ChannelOption.SO_REUSEADDR, true)
        .childOption(ChannelOption.TCP_NODELAY, true)
        .childHandler(new ChannelInitializer<Channel>() {
          @Override
          protected void initChannel(Channel ch) {
            connections.add(ch);
            ch.pipeline()
                .addLast(new LineBasedFrameDecoder(MAX_LINE))
                .addLast(new StringDecoder(StandardCharsets.UTF_8))
                .addLast(new StringEncoder(StandardCharsets.UTF_8))
                .addLast(new NodeConnection(manager, config, () -> closing));
          }
        });
    try {
      listener = bootstrap.bind(address.toSocketAddress()).sync().channel();
    } catch (Exception e) {
      close();
      throw new IllegalStateException("cannot listen for nodes on " + address + ": " + e.getMessage(), e);
    }
    InetSocketAddress bound = (InetSocketAddress) listener.localAddress();
    log.info("listening for service nodes on {}", bound);
    return bound;
  }

  @Override
  public synchronized void close() {
    closing = true;
    if (listener != null) {
      listener.close().syncUninterruptibly();
      listener = null;
    }
    connections.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
    if (group != null) {
      group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
      group = null;
    }
  }
}
