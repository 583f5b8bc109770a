package org.netservof.modules.relay;

import java.net.InetSocketAddress;

/**
 * A datagram the relay sends: from which of its ports (the TURN port toward a client, a relay port toward a
 * peer), the bytes, and to whom.
 */
record Outbound(int fromPort, byte[] data, InetSocketAddress to) {}
