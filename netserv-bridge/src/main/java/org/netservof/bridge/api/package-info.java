/**
 * The NetServ bridge's services for other modules (signaling, REST): steering services onto pools of
 * service nodes. Interfaces and records only.
 *
 * <p>Threading: every method may be called from any thread. Futures complete on a controller thread once
 * the switches confirmed the change with a barrier.
 */
package org.netservof.bridge.api;
