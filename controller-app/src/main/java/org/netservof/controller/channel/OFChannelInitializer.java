package org.netservof.controller.channel;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/** Builds the pipeline of a new switch connection (see the package documentation for its shape). */
public final class OFChannelInitializer extends ChannelInitializer<Channel> {
  private final OpenFlowConfig config;
  private final FloodProtection limits;
  private final LongSupplier generationIds;
  private final SwitchActivator activator;
  private final SwitchAdmission admission;

  public OFChannelInitializer(OpenFlowConfig config, LongSupplier generationIds, SwitchActivator activator) {
    this(config, FloodProtection.DEFAULTS, generationIds, activator, SwitchAdmission.open());
  }

  public OFChannelInitializer(OpenFlowConfig config, LongSupplier generationIds, SwitchActivator activator,
      SwitchAdmission admission) {
    this(config, FloodProtection.DEFAULTS, generationIds, activator, admission);
  }

  public OFChannelInitializer(OpenFlowConfig config, FloodProtection limits, LongSupplier generationIds,
      SwitchActivator activator) {
    this(config, limits, generationIds, activator, SwitchAdmission.open());
  }

  public OFChannelInitializer(OpenFlowConfig config, FloodProtection limits, LongSupplier generationIds,
      SwitchActivator activator, SwitchAdmission admission) {
    this.admission = admission;
    this.config = config;
    this.limits = limits;
    this.generationIds = generationIds;
    this.activator = activator;
  }

  @Override
  protected void initChannel(Channel ch) {
    configure(ch.pipeline());
  }

  /** Adds the handlers to a pipeline; public so tests can build the same pipeline on an embedded channel. */
  public void configure(ChannelPipeline p) {
    admission.secure(p); // TLS first, when configured: nothing below it sees a byte from an unproven peer
    // Flushes are merged until the read burst ends or writeBatch flushes queued up: one syscall per batch.
    p.addLast("backpressure", new WriteBackpressureHandler(limits));
    p.addLast("flush", new FlushConsolidationHandler(config.writeBatch(), true));
    // The codec counts each message as it reads or writes it, unless metrics are off.
    MessageCounts counts = activator.metrics().newCounts(p.channel()).orElse(null);
    p.addLast("decoder", new OFMessageDecoder(counts));
    p.addLast("encoder", new OFMessageEncoder(counts));
    p.addLast("idle", new IdleStateHandler(config.echoInterval().toMillis(), 0, 0, TimeUnit.MILLISECONDS));
    p.addLast("echo", new EchoHandler(config.echoInterval(), config.echoTimeout()));
    p.addLast("handshake", new HandshakeHandler(config, generationIds, activator, admission));
    p.addLast("failures", ConnectionFailures.INSTANCE); // after the handshake and the session that replaces it
  }
}
