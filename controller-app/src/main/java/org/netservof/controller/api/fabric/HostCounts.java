package org.netservof.controller.api.fabric;

/**
 * What host tracking counted since the start.
 *
 * @param evicted hosts forgotten to make room for a new one ({@code hosts.max-hosts})
 * @param refusedAddresses address claims not learnt: held by another host ({@link AddressConflict}), or past
 *     the per-host limit
 */
public record HostCounts(long evicted, long refusedAddresses) {}
