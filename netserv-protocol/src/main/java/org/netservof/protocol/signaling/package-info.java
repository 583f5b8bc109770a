/**
 * The NetServ signaling messages (thesis Fig 6.3, Table 6.1): requests ({@code SETUP}, {@code REMOVE},
 * {@code PROBE}, {@code TRIGGER}) and their responses, and the codec between them and bytes.
 *
 * <p>Signaling messages come from untrusted hosts, so {@link org.netservof.protocol.signaling.SignalCodec}
 * parses strictly and refuses anything it does not fully understand with a
 * {@link org.netservof.protocol.signaling.SignalFormatException} naming the problem. Pure logic, no I/O;
 * every type is immutable and thread-safe.
 */
package org.netservof.protocol.signaling;
