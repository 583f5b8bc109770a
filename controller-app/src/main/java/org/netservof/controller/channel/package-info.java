/**
 * The OpenFlow channel on Netty: framing and Loxi codec, echo keep-alive, version negotiation and the
 * handshake, and the handler that hands a connected switch's messages to its session. Only the codec
 * touches {@code ByteBuf}; every other handler sees {@code OFMessage}.
 *
 * <p>Pipeline, head to tail: with {@code openflow-tls}, TLS (a client certificate from the CA required) and the
 * handler that logs failed TLS handshakes as refused switches; then write backpressure, flush consolidation,
 * decoder and encoder (which count every message unless metrics are off), idle detection, echo, handshake
 * (replaced by the session handler once the switch is active),
 * and last {@link org.netservof.controller.channel.ConnectionFailures}, where every failure ends and closes it.
 * The handshake asks {@link org.netservof.controller.channel.SwitchAdmission} on FEATURES_REPLY whether the peer
 * may be the DPID it announces (its certificate's, and on the allow-list) before it sends anything more.
 */
package org.netservof.controller.channel;
