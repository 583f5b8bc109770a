package org.netservof.rest.server;

import org.netservof.bridge.api.DeploymentService;
import org.netservof.bridge.api.PublisherChannelService;
import org.netservof.bridge.api.NodePoolAdminService;
import org.netservof.bridge.api.NodePoolService;
import org.netservof.bridge.api.SteeringAdminService;
import org.netservof.bridge.api.SteeringService;

/** The NetServ bridge's services the API translates onto; present together when the steering module runs. */
public record NetServServices(SteeringService steering, SteeringAdminService steeringAdmin, NodePoolService pools,
    NodePoolAdminService poolAdmin, DeploymentService deployments, PublisherChannelService channel) {}
