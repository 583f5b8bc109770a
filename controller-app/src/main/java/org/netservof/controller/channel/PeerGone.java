package org.netservof.controller.channel;

import io.netty.channel.Channel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.epoll.EpollTcpInfo;

/**
 * Whether the switch at the other end has gone while its messages are still being read: the kernel keeps what
 * a peer sent before it reset (or finished) the connection, and the controller would otherwise dispatch all of
 * it, megabytes of PacketIns from a flooding switch, before it reads the reset. The TCP state says so at once
 * (epoll transport; over NIO the backlog is read as before). One per connection, event-loop confined.
 */
final class PeerGone {
  /** Messages between two looks at the TCP state: a look is a system call, a PacketIn is far cheaper. */
  static final int CHECK_EVERY = 64;
  private static final int TCP_CLOSE = 7;
  private static final int TCP_CLOSE_WAIT = 8;
  private final EpollTcpInfo info = new EpollTcpInfo();
  private int sinceCheck;

  /**
   * Counts one message read; every {@link #CHECK_EVERY} messages, answers whether the peer reset the connection
   * or closed its side of it (TCP CLOSE or CLOSE_WAIT), so what it still has queued can be dropped.
   */
  boolean afterOneMore(Channel channel) {
    if (++sinceCheck < CHECK_EVERY) {
      return false;
    }
    sinceCheck = 0;
    if (!(channel instanceof EpollSocketChannel tcp) || !tcp.isOpen()) {
      return false;
    }
    int state = tcp.tcpInfo(info).state();
    return state == TCP_CLOSE || state == TCP_CLOSE_WAIT;
  }
}
