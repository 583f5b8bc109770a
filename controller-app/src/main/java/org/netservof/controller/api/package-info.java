/**
 * What controller modules use from the controller runtime: the module contract, switches and their
 * events, the ordered OpenFlow message listener chain, and configuration keys. Interfaces and records only;
 * the implementations live in {@code core}, {@code channel} and {@code module}.
 *
 * <p>Threading: message listeners and switch listeners are called on the I/O thread of the switch the
 * event concerns. Calls for one switch are serialised; calls for different switches may run at the same
 * time, so state shared across switches must be thread-safe. Listeners must not block.
 */
package org.netservof.controller.api;
