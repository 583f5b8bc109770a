package org.netservof.rest.server;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.netservof.bridge.api.SignalingService;
import org.netservof.bridge.api.UserDirectory;
import org.netservof.controller.api.OFMessageService;
import org.netservof.controller.api.SwitchService;
import org.netservof.controller.api.fabric.HostService;
import org.netservof.controller.api.fabric.LinkService;
import org.netservof.controller.api.fabric.TopologyService;
import org.netservof.controller.api.staticentry.StaticEntryAdminService;
import org.netservof.controller.api.staticentry.StaticEntryService;

/**
 * What the resources call. The NetServ services, the signaling users and counters are optional: the API shows
 * them when their modules run and answers 503 for them when they do not.
 *
 * @param cluster the cluster module's services, or those of a controller alone
 * @param startedAt when the controller started, for the uptime endpoint
 */
public record RestServices(SwitchService switches, OFMessageService messages, TopologyService topology,
    LinkService links, HostService hosts, StaticEntryService staticEntries, StaticEntryAdminService staticEntryAdmin,
    Optional<NetServServices> netserv, Optional<UserDirectory> users, Optional<SignalingService> signaling,
    ClusterServices cluster, Clock clock,
    Instant startedAt) {}
