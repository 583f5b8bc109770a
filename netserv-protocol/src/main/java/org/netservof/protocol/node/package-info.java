/**
 * The messages of a node's two channels, one JSON object per line: between the node agent and the
 * controller ({@link org.netservof.protocol.node.ChannelMessage}, over TCP) and between the agent and each of
 * its containers ({@link org.netservof.protocol.node.ContainerMessage}, over the container's stdin and
 * stdout). Defined once, here; the controller's node manager uses the same records.
 */
package org.netservof.protocol.node;
