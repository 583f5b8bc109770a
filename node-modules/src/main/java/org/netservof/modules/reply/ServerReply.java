package org.netservof.modules.reply;

import org.netservof.node.api.ModuleContext;
import org.netservof.node.api.Packet;

/**
 * Answering a UDP request on its server's behalf, as the thesis's SIP modules do (KeepAlive Responder,
 * Overload Control): the answer leaves the node as if the server had sent it, so the sender's NAT binding and
 * transaction match it. Packaged into the JAR of each module that uses it (each module has its own class
 * loader).
 */
public final class ServerReply {
  private ServerReply() {}

  /**
   * Emits a copy of {@code request} addressed back to its sender, from the server's MAC, IPv4 address and
   * port, with a fresh TTL and {@code payload[0, length)} as its UDP payload.
   */
  public static void emit(Packet request, byte[] payload, int length, ModuleContext context) {
    Packet reply = request.copy();
    reply.swapMacs();
    reply.swapIpAddresses();
    reply.swapPorts();
    reply.setTtl(64);
    reply.setUdpPayload(payload, length);
    context.emit(reply);
  }
}
