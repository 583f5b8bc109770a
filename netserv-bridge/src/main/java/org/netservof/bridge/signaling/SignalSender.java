package org.netservof.bridge.signaling;

import java.util.List;
import java.util.Optional;
import org.netservof.bridge.signaling.SignalFrames.Datagram;
import org.netservof.bridge.signaling.SignalFrames.Endpoint;
import org.netservof.controller.api.SwitchService;
import org.netservof.controller.api.fabric.Host;
import org.netservof.controller.api.fabric.HostService;
import org.netservof.controller.api.fabric.Topology;
import org.netservof.controller.api.fabric.TopologyService;
import org.netservof.policy.fabric.SwitchPort;
import org.netservof.policy.openflow.PacketOuts;
import org.netservof.protocol.signaling.SignalCodec;
import org.netservof.protocol.signaling.SignalResponse;
import org.projectfloodlight.openflow.types.MacAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends signaling out of the port of the host it is for. It never floods: a frame for a MAC this domain has
 * not learnt is dropped and counted, so a stranger cannot make the controller copy its frames to every edge
 * port (with random destination MACs, every one of its frames would be).
 */
final class SignalSender {
  private static final Logger log = LoggerFactory.getLogger(SignalSender.class);

  private final SwitchService switches;
  private final HostService hosts;
  private final TopologyService topology;
  private final SignalingCounters counters;

  SignalSender(SwitchService switches, HostService hosts, TopologyService topology, SignalingCounters counters) {
    this.switches = switches;
    this.hosts = hosts;
    this.topology = topology;
    this.counters = counters;
  }

  /** The edge port of the host with this MAC, when this domain has learnt where it is. */
  Optional<SwitchPort> portOf(MacAddress mac) {
    return hosts.byMac(mac).map(Host::attachment);
  }

  /** Sends a frame out of the port of the host it is for; drops it (counted) when that host is unknown. */
  void deliver(byte[] frame, MacAddress to) {
    Optional<SwitchPort> port = portOf(to);
    if (port.isEmpty()) {
      counters.undeliverable.increment();
      log.debug("signaling for {} dropped: no host with that MAC is known here", to);
      return;
    }
    out(port.get(), frame);
  }

  /**
   * Answers the sender of {@code request} from the address it sent to, out of the port the request came in by
   * when that port faces hosts: its sender is behind it even when it is not learnt (right after a restart, no
   * host is, and a port in quarantine learns nothing). A request that came in from the fabric (a cable) or from a
   * node, or that this domain made itself, is answered where its sender's MAC was learnt.
   */
  void reply(Datagram request, SignalResponse response) {
    byte[] payload = SignalCodec.encodeResponse(SignalCodec.truncatedToFit(response));
    byte[] frame = SignalFrames.build(request.dstMac(), request.srcMac(),
        new Endpoint(request.dst(), SignalFrames.PORT), request.source(), payload);
    Optional<SwitchPort> back = request.arrivedAt().filter(this::facesHosts);
    if (back.isPresent()) {
      out(back.get(), frame);
    } else {
      deliver(frame, request.srcMac());
    }
  }

  /** Neither a cable between switches nor a service node's port: an edge port, or one still in quarantine. */
  private boolean facesHosts(SwitchPort port) {
    Topology t = topology.current();
    return !t.isLinkPort(port) && !t.isServicePort(port);
  }

  void out(SwitchPort port, byte[] frame) {
    switches.getSwitch(port.dpid()).ifPresent(sw -> sw.write(PacketOuts.send(sw.factory(), frame,
        List.of(sw.factory().actions().output(port.port(), 0xffff)))));
  }
}
