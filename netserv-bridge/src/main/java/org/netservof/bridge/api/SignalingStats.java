package org.netservof.bridge.api;

/**
 * What signaling has seen and refused since the controller started, and how full its bounded tables are.
 * Every request that reaches the controller is counted once as received and at most once in one of the
 * refusal counters; a request counted as relayed was verified first.
 *
 * @param received requests (UDP to port 270) that reached the relay
 * @param malformed requests that did not parse (answered 400 when they name a nonce)
 * @param unauthenticated requests refused 401 before the nonce check: unknown user, stale timestamp, bad or
 *     missing signature; never relayed, never remembered
 * @param replayed correctly signed requests whose nonce was used already
 * @param nonceLimited correctly signed requests refused (429) because their user's nonce share was full
 * @param busy requests refused (503) unverified because every worker was busy and their queue full
 * @param pendingFull verified requests refused (503) because the pending table was full
 * @param nextHopUnknown verified requests whose next hop (destination MAC) this domain has not learnt: not
 *     flooded, answered by this domain as the last on the path
 * @param relayed verified requests passed on toward their next hop
 * @param undeliverable answers and responses dropped because their host is unknown (never flooded)
 * @param pending requests waiting now for an answer from further along
 * @param maxPending the bound on {@code pending}
 * @param nonces nonces remembered now, all users together
 * @param maxNonces the bound on {@code nonces}: the per-user share times the users configured
 */
public record SignalingStats(long received, long malformed, long unauthenticated, long replayed,
    long nonceLimited, long busy, long pendingFull, long nextHopUnknown, long relayed, long undeliverable,
    int pending, int maxPending, int nonces, long maxNonces) {}
