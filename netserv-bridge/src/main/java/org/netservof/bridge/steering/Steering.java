package org.netservof.bridge.steering;

import java.time.Clock;
import org.netservof.bridge.api.NodeStore;
import org.netservof.bridge.store.BridgeStores;
import org.netservof.controller.api.SwitchService;
import org.netservof.controller.api.fabric.RouteService;
import org.netservof.controller.api.fabric.ServicePortService;
import org.netservof.controller.api.fabric.TopologyService;
import org.netservof.controller.api.store.StoreService;

/**
 * Steering's parts, wired once (the module and the tests build it the same way): the shared state, the
 * installer (the only writer of steering's entries), the service registry, the node pools, the fabric
 * events that change nodes' health, the packet path, and the listeners of steering's events.
 */
record Steering(SteeringState state, SteeringInstaller installer, ServiceRegistry registry, NodePool pool,
    FabricEvents fabricEvents, ReactiveSteering reactive, SteeringListeners listeners) implements AutoCloseable {

  /** @param stores where the services, nodes, marks and the last service id are kept */
  static Steering assemble(StoreService stores, SteeringConfig config, SwitchService switches,
      TopologyService topology, ServicePortService servicePorts, RouteService routes, Clock clock) {
    FlowTracker flows = new FlowTracker(config.maxFlowEntries());
    NodeStore nodes = BridgeStores.nodes(stores);
    SteeringState state = new SteeringState(BridgeStores.services(stores), nodes, BridgeStores.marks(stores), config,
        switches);
    SteeringListeners listeners = new SteeringListeners();
    SteeringInstaller installer = new SteeringInstaller(switches, topology, config, flows, state.meters,
        state::snapshot, new RepairLog(listeners), clock);
    ServiceRegistry registry = new ServiceRegistry(state, installer, listeners, clock,
        BridgeStores.lastIds(stores, "services"));
    NodePool pool = new NodePool(state, installer, servicePorts, listeners);
    pool.follow(nodes);
    ReactiveSteering reactive = new ReactiveSteering(state::snapshot, installer::fabric, topology, routes, flows,
        config.flowIdleTimeout());
    return new Steering(state, installer, registry, pool, new FabricEvents(installer, pool), reactive,
        listeners);
  }

  @Override
  public void close() {
    pool.close();
    registry.close();
    installer.close();
  }
}
