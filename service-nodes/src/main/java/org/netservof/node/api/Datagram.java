package org.netservof.node.api;

import java.net.InetSocketAddress;

/**
 * What {@link UdpEndpoint#receive} got: who sent it, and how many bytes of the buffer it filled.
 *
 * @param sender the datagram's source address and port, to answer to
 * @param length the bytes written to the buffer
 */
public record Datagram(InetSocketAddress sender, int length) {}
