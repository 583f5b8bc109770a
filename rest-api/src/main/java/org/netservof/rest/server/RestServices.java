package org.netservof.rest.server;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.netservof.bridge.api.NodeService;
import org.netservof.bridge.api.SteeringService;
import org.netservof.bridge.api.UserDirectory;
import org.netservof.controller.api.OFMessageService;
import org.netservof.controller.api.SwitchService;
import org.netservof.controller.api.SwitchSetupService;
import org.netservof.controller.api.fabric.HostService;
import org.netservof.controller.api.fabric.LinkService;
import org.netservof.controller.api.fabric.TopologyService;

/**
 * What the resources call. Steering, the node channel and the signaling users are optional: the API shows
 * them when their modules run and answers 503 for them when they do not.
 *
 * @param startedAt when the controller started, for the uptime endpoint
 */
public record RestServices(SwitchService switches, SwitchSetupService setups, OFMessageService messages,
    TopologyService topology,
    LinkService links, HostService hosts, Optional<SteeringService> steering, Optional<NodeService> nodes,
    Optional<UserDirectory> users, Clock clock, Instant startedAt) {}
