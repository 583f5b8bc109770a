package org.netservof.controller.channel;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.netservof.controller.api.HostPort;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Listens for switches on TCP and runs their connections on a pool of I/O threads (epoll when available). */
public final class OpenFlowServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(OpenFlowServer.class);
  private final OpenFlowConfig config;
  private final FloodProtection limits;
  private final LongSupplier generationIds;
  private final SwitchActivator activator;
  private final SwitchAdmission admission;
  private final ChannelGroup connections = new DefaultChannelGroup("openflow", GlobalEventExecutor.INSTANCE);
  private EventLoopGroup boss;
  private EventLoopGroup workers;
  private Channel listener;

  public OpenFlowServer(OpenFlowConfig config, FloodProtection limits, LongSupplier generationIds,
      SwitchActivator activator, SwitchAdmission admission) {
    this.admission = admission;
    this.config = config;
    this.limits = limits;
    this.generationIds = generationIds;
    this.activator = activator;
  }

  /**
   * Starts listening.
   *
   * @return the bound address (with the real port when 0 was asked for)
   * @throws IllegalStateException if the address cannot be bound, naming it
   */
  public synchronized InetSocketAddress bind(HostPort address) {
    boolean epoll = Epoll.isAvailable();
    IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
    Class<? extends ServerChannel> channelType = epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    CodecWarmup.run(config.ofVersions());
    boss = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("openflow-accept"), io);
    workers = new MultiThreadIoEventLoopGroup(ioThreads(config), new DefaultThreadFactory("openflow-io"), io);
    OFChannelInitializer initializer = new OFChannelInitializer(config, limits, generationIds, activator, admission);
    ServerBootstrap bootstrap = new ServerBootstrap()
        .group(boss, workers)
        .channel(channelType)
        .option(ChannelOption.SO_REUSEADDR, true)
        .childOption(ChannelOption.TCP_NODELAY, true)
        .childOption(ChannelOption.SO_KEEPALIVE, true)
        .childOption(ChannelOption.MAX_MESSAGES_PER_READ, 1)
        .childHandler(new io.netty.channel.ChannelInitializer<Channel>() {
          @Override
          protected void initChannel(Channel ch) {
            connections.add(ch);
            initializer.configure(ch.pipeline());
          }
        });
    try {
      listener = bootstrap.bind(address.toSocketAddress()).sync().channel();
    } catch (Exception e) {
      close();
      throw new IllegalStateException("cannot listen for OpenFlow on " + address + ": " + e.getMessage(), e);
    }
    InetSocketAddress bound = (InetSocketAddress) listener.localAddress();
    log.info("listening for OpenFlow switches on {} ({}, versions {}, {})", bound, epoll ? "epoll" : "nio",
        config.versions(), admission.tls() ? "TLS, switch certificates bound to DPIDs" : "plain TCP: no switch "
            + "proves its DPID");
    return bound;
  }

  /**
   * The I/O threads: as configured, else one per core this process may run on (its CPU affinity counts). Not
   * Netty's default of two per core: an I/O thread is busy for as long as its switches send, and a second
   * runnable one on the same core waits out the scheduler's time slice, milliseconds, with PacketIns
   * queued behind it (measured in bench-results/packetin-profile.md).
   */
  static int ioThreads(OpenFlowConfig config) {
    return config.ioThreads() > 0 ? config.ioThreads() : Runtime.getRuntime().availableProcessors();
  }

  /** Stops listening, closes every switch connection and stops the I/O threads. */
  @Override
  public synchronized void close() {
    if (listener != null) {
      listener.close().syncUninterruptibly();
      listener = null;
    }
    connections.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
    if (workers != null) {
      workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
      workers = null;
    }
    if (boss != null) {
      boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
      boss = null;
    }
  }
}
