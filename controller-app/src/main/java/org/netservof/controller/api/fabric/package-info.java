/**
 * What the controller knows about the fabric, for other modules: the links between switches, the
 * topology built from them (paths, edge ports, the broadcast tree), and the hosts at the edge.
 *
 * <p>Listeners are called on the thread that made the change (a switch's I/O thread or the discovery
 * timer) and must not block. Snapshots ({@link org.netservof.controller.api.fabric.Topology}) are immutable
 * and may be kept and read from any thread.
 */
package org.netservof.controller.api.fabric;
