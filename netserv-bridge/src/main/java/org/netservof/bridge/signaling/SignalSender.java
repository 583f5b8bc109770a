package org.netservof.bridge.signaling;

import java.util.List;
import java.util.Optional;
import org.netservof.bridge.signaling.SignalFrames.Datagram;
import org.netservof.bridge.signaling.SignalFrames.Endpoint;
import org.netservof.controller.api.SwitchService;
import org.netservof.controller.api.fabric.Host;
import org.netservof.controller.api.fabric.HostService;
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
  private final SignalingCounters counters;

  SignalSender(SwitchService switches, HostService hosts, SignalingCounters counters) {
    this.switches = switches;
    this.hosts = hosts;
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

  /** Answers the sender of {@code request} from the address it sent to. */
  void reply(Datagram request, SignalResponse response) {
    byte[] payload = SignalCodec.encodeResponse(SignalCodec.truncatedToFit(response));
    byte[] frame = SignalFrames.build(request.dstMac(), request.srcMac(),
        new Endpoint(request.dst(), SignalFrames.PORT), request.source(), payload);
    deliver(frame, request.srcMac());
  }

  void out(SwitchPort port, byte[] frame) {
    switches.getSwitch(port.dpid()).ifPresent(sw -> sw.write(PacketOuts.send(sw.factory(), frame,
        List.of(sw.factory().actions().output(port.port(), 0xffff)))));
  }
}
