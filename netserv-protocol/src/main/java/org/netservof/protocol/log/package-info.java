/**
 * What both ends keep their complaint lines to: a controller and a node agent alike log what a peer (a
 * switch, a host, a container) does wrong within a {@link org.netservof.protocol.log.LogBudget}, so that peer
 * cannot fill the disk.
 */
package org.netservof.protocol.log;
