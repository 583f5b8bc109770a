package org.netservof.bench.emulator;

import io.netty.channel.Channel;
import io.netty.channel.EventLoop;

/**
 * One emulated switch across its connections: what it counts, the PacketIns it sent and its replies to
 * the controller. A reconnection gets a new channel and handler on the same event loop, so the switch's
 * PacketIn sequence, buffer ids and counts go on; everything but the counters and the channel is touched by
 * that loop only.
 */
final class SwitchSlot {
  final int index;
  final EventLoop loop;
  final SwitchCounters counters = new SwitchCounters();
  final LatencySamples latencies = new LatencySamples();
  /** Connect to first PacketIn answered, of every reconnection. */
  final LatencySamples reconnects = new LatencySamples();
  final SwitchReplies replies;
  final PacketInSource source;
  final PacketInLedger ledger = new PacketInLedger();
  final PacketInBuilder packetIns;
  /** The current connection; replaced on reconnect (by the loop), read by the run's clock for the drop. */
  volatile Channel channel;

  SwitchSlot(EmulatorConfig config, int index, EventLoop loop) {
    this.index = index;
    this.loop = loop;
    this.replies = new SwitchReplies(config.version(), index);
    this.source = PacketInSource.of(config.frames(), index, config.macs());
    this.packetIns = new PacketInBuilder(replies.factory());
  }
}
