/**
 * The OpenFlow channel on Netty: framing and Loxi codec, echo keep-alive, version negotiation and the
 * handshake, and the handler that hands a connected switch's messages to its session. Only the codec
 * touches {@code ByteBuf}; every other handler sees {@code OFMessage}.
 *
 * <p>Pipeline, head to tail: write backpressure, flush consolidation, decoder, encoder, idle detection, echo, handshake
 * (replaced by the session handler once the switch is active).
 */
package org.netservof.controller.channel;
