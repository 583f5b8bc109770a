package org.netservof.controller.api.fabric;

/**
 * What link discovery counted since the start.
 *
 * @param sent probes sent
 * @param rejected received probes that made no link: forged, replayed, back too late, for an unknown switch,
 *     or refused at a host-facing port
 * @param replayed of those, probes whose one-time id was already used or never sent
 * @param refused of those, genuine probes refused because one end was a host-facing port ({@link LinkRefusal})
 */
public record ProbeCounts(long sent, long rejected, long replayed, long refused) {}
