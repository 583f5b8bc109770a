package org.netservof.controller.api;

/**
 * Where a listener runs in a chain (given when it is added: {@link OFMessageService#addListener}), and the one
 * place that says why the PacketIn chain is in the order it is. Listeners of the same stage run by name. The
 * other chains (FLOW_REMOVED, ...) are ordered the same way; there the order rarely matters.
 *
 * <ol>
 *   <li>{@link #CAPTURE}: frames the controller sent itself (LLDP probes). They describe the fabric, not
 *       traffic: nothing after this may learn from them or forward them.
 *   <li>{@link #CONTROL}: control frames from the NetServ nodes (their hellos). They prove where a node is
 *       attached; a node must not be learnt as a host or have its hello forwarded.
 *   <li>{@link #LEARN}: host learning. Every data frame, including a signaling request, first teaches where
 *       its sender is, so what follows can route back to it.
 *   <li>{@link #SIGNAL}: the on-path signaling relay. A signaling message is for this domain before it is
 *       traffic: it is handled here and never steered or forwarded as it is.
 *   <li>{@link #STEER}: service steering. A flow a NetServ service claims goes through its node, so steering
 *       must see it before plain forwarding would install a direct path.
 *   <li>{@link #FORWARD}: plain shortest-path forwarding, for whatever nobody before claimed.
 * </ol>
 */
public enum PacketInStage {
  CAPTURE,
  CONTROL,
  LEARN,
  SIGNAL,
  STEER,
  FORWARD
}
