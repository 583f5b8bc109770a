package org.netservof.bridge.store;

import org.netservof.bridge.api.AwaitedHello;
import org.netservof.bridge.api.Deployment;
import org.netservof.bridge.api.DeploymentStore;
import org.netservof.bridge.api.MarkIntent;
import org.netservof.bridge.api.NodeHolder;
import org.netservof.bridge.api.NodeHolderStore;
import org.netservof.bridge.api.NodeIntent;
import org.netservof.bridge.api.NodeStore;
import org.netservof.bridge.api.ServiceInfo;
import org.netservof.bridge.api.ServiceStore;
import org.netservof.controller.api.store.ForwardingIntentStore;
import org.netservof.controller.api.store.IntentStore;
import org.netservof.controller.api.store.StoreService;

/** Opens the bridge's typed stores over whichever store implementation the controller runs. */
public final class BridgeStores {
  private BridgeStores() {}

  public static ServiceStore services(StoreService stores) {
    return new Services(stores.open("services", Integer.class, ServiceInfo.class));
  }

  public static DeploymentStore deployments(StoreService stores) {
    return new Deployments(stores.open("deployments", Integer.class, Deployment.class));
  }

  public static NodeStore nodes(StoreService stores) {
    return new Nodes(stores.open("nodes", String.class, NodeIntent.class));
  }

  /** Which cluster member holds each node agent's connection (written only in a cluster). */
  public static NodeHolderStore nodeHolders(StoreService stores) {
    return new NodeHolders(stores.open("node-holders", String.class, NodeHolder.class));
  }

  /** The hello frames registering nodes are awaited to send, by challenge nonce (written only in a cluster). */
  public static IntentStore<String, AwaitedHello> awaitedHellos(StoreService stores) {
    return stores.open("node-hellos", String.class, AwaitedHello.class);
  }

  /** The node marks (VLAN ids), by {@link MarkIntent#key()}. */
  public static IntentStore<String, MarkIntent> marks(StoreService stores) {
    return stores.open("marks", String.class, MarkIntent.class);
  }

  /** The last id handed out of a kind ("services", "deployments"). */
  public static LastIds lastIds(StoreService stores, String kind) {
    return new LastIds(stores.open("ids", String.class, Integer.class), kind);
  }

  private static final class Services extends ForwardingIntentStore<Integer, ServiceInfo> implements ServiceStore {
    Services(IntentStore<Integer, ServiceInfo> store) {
      super(store);
    }
  }

  private static final class Deployments extends ForwardingIntentStore<Integer, Deployment>
      implements DeploymentStore {
    Deployments(IntentStore<Integer, Deployment> store) {
      super(store);
    }
  }

  private static final class Nodes extends ForwardingIntentStore<String, NodeIntent> implements NodeStore {
    Nodes(IntentStore<String, NodeIntent> store) {
      super(store);
    }
  }

  private static final class NodeHolders extends ForwardingIntentStore<String, NodeHolder>
      implements NodeHolderStore {
    NodeHolders(IntentStore<String, NodeHolder> store) {
      super(store);
    }
  }
}
