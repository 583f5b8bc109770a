package org.netservof.bridge.nodes;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.netservof.bridge.api.AgentView;
import org.netservof.bridge.api.ContainerView;
import org.netservof.protocol.node.ChannelMessage;
import org.projectfloodlight.openflow.types.IPv4Address;

/** The node channel's wire records turned into the API's views: wire types stay in this package. */
final class AgentReports {
  private AgentReports() {}

  static AgentView agent(ChannelMessage.Register registration, String address, boolean connected,
      Optional<Instant> lastHeartbeat, List<String> readyUsers, List<ChannelMessage.ContainerStats> stats) {
    return new AgentView(address, registration.interfaceName(), connected, lastHeartbeat, registration.blocks(),
        readyUsers, stats.stream().map(AgentReports::container).toList(), serviceAddress(registration));
  }

  /** The node's service address when it is an IPv4 address in dotted form; anything else is not shown. */
  private static Optional<String> serviceAddress(ChannelMessage.Register registration) {
    String a = registration.serviceAddress();
    if (a == null || !a.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}")) {
      return Optional.empty();
    }
    try {
      return Optional.of(IPv4Address.of(a).toString());
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static ContainerView container(ChannelMessage.ContainerStats c) {
    return new ContainerView(c.user(), c.vlan(), c.running(), c.restarts(), c.memoryKb(), c.packetsIn(),
        c.packetsOut(), c.linkDownDrops(), c.modules() == null ? List.of()
            : c.modules().stream().map(m -> new ContainerView.Module(m.name(), m.in(), m.out(), m.dropped(),
                m.emitted(), m.errors(), m.overruns(), m.nanos(), m.loaded(), m.status(),
                m.report() == null ? java.util.Map.of() : m.report())).toList());
  }
}
