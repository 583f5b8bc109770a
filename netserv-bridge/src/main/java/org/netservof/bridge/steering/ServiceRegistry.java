package org.netservof.bridge.steering;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.netservof.bridge.api.ServiceInfo;
import org.netservof.bridge.api.ServiceRequest;
import org.netservof.bridge.api.SteeringAdminService;
import org.netservof.bridge.api.SteeringException;
import org.netservof.bridge.api.SteeringListener;
import org.netservof.bridge.api.SteeringService;
import org.netservof.bridge.store.LastIds;
import org.netservof.controller.api.store.StoreEvent;
import org.netservof.controller.api.store.StoreListener;
import org.netservof.controller.api.store.Versioned;
import org.netservof.policy.layout.Cookie;
import org.netservof.policy.steering.SteeredService;
import org.netservof.policy.steering.SteeringNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The services: registered, refreshed, removed and expired in their store, whose lease is the service's
 * expiry. Whoever changes a service here also has the installer push it; the store's events refresh the
 * snapshot and tell the listeners, so a change made elsewhere (another controller, later) shows the same way.
 */
final class ServiceRegistry implements SteeringService, SteeringAdminService {
  private static final Logger log = LoggerFactory.getLogger(ServiceRegistry.class);

  private final SteeringState state;
  private final SteeringInstaller installer;
  private final SteeringListeners listeners;
  private final Clock clock;
  private final LastIds lastIds;
  private final StoreListener<Integer, ServiceInfo> storeListener = this::changed;

  /** @param lastIds the last service id handed out, also before a restart: ids go on from there */
  ServiceRegistry(SteeringState state, SteeringInstaller installer, SteeringListeners listeners, Clock clock,
      LastIds lastIds) {
    this.state = state;
    this.installer = installer;
    this.listeners = listeners;
    this.clock = clock;
    this.lastIds = lastIds;
    state.services.addListener(storeListener, state.services.revision());
  }

  /** Stops hearing the store, which outlives this registry (a durable store, or a test's restart). */
  void close() {
    state.services.removeListener(storeListener);
  }

  @Override
  public CompletableFuture<ServiceInfo> register(ServiceRequest request) throws SteeringException {
    ServiceInfo info;
    // Claimed before the lock, never under it: the claim is a store write, which returns only once the store's
    // listeners ran, and one of them (this registry's) takes the lock. A request refused below leaves its id
    // unused: ids only need to be unique.
    int id = allocateId();
    synchronized (state.lock) {
      List<NodeTable.Entry> pool = state.nodes.inPool(request.pool());
      if (pool.isEmpty()) {
        throw new SteeringException("pool '" + request.pool() + "' has no nodes; add nodes to it first");
      }
      checkExpressible(new SteeredService(id, request.filter(), state.meters.meterOf(request.user())), request, pool);
      Instant now = clock.instant();
      info = new ServiceInfo(id, request, now, request.ttl().map(now::plus));
    }
    // Written outside the lock: the store tells listeners at once, and they must not run under it.
    if (state.services.compareAndSet(info.id(), 0, info, info.expiresAt()).isEmpty()) {
      throw new SteeringException("service id " + info.id() + " was taken at the same moment; try again");
    }
    state.refresh();
    log.info("service {} '{}' registered: {} through pool '{}', {}, ttl {}", info.id(), info.request().name(),
        info.request().filter(), info.request().pool(), info.request().mode(),
        info.request().ttl().map(Duration::toString).orElse("none"));
    return installer.reconcile("service " + info.id() + " registered").thenApply(v -> info);
  }

  private void checkExpressible(SteeredService planned, ServiceRequest request, List<NodeTable.Entry> pool)
      throws SteeringException {
    List<SteeringNode> all = pool.stream().map(e -> e.asTarget(1, false)).toList();
    try {
      installer.checkExpressible(planned, request.mode(), all);
    } catch (IllegalArgumentException e) {
      throw new SteeringException("filter " + planned.filter() + " cannot be installed: " + e.getMessage());
    }
  }

  @Override
  public CompletableFuture<Void> setUserRate(String user, int kbps) {
    synchronized (state.lock) {
      if (!state.meters.set(user, kbps)) {
        return CompletableFuture.completedFuture(null);
      }
      state.refresh();
    }
    log.info("user {}: steered traffic {}", user, kbps > 0 ? "capped at " + kbps + " kbps" : "not capped");
    return installer.reconcile("rate cap of user " + user);
  }

  @Override
  public ServiceInfo refresh(int serviceId, Duration ttl) throws SteeringException {
    if (ttl.isNegative() || ttl.isZero()) {
      throw new SteeringException("ttl must be positive, was " + ttl);
    }
    Versioned<ServiceInfo> before = state.services.get(serviceId)
        .orElseThrow(() -> new SteeringException("no service " + serviceId));
    ServiceInfo after = new ServiceInfo(serviceId, before.value().request(), before.value().registeredAt(),
        Optional.of(clock.instant().plus(ttl)));
    if (state.services.compareAndSet(serviceId, before.revision(), after, after.expiresAt()).isEmpty()) {
      throw new SteeringException("service " + serviceId + " changed at the same moment; refresh it again");
    }
    state.refresh();
    return after;
  }

  @Override
  public CompletableFuture<Void> remove(int serviceId) throws SteeringException {
    if (state.services.remove(serviceId).isEmpty()) {
      throw new SteeringException("no service " + serviceId);
    }
    return pushRemoval(serviceId, "removed");
  }

  /** Removes services whose ttl ran out; called every second by the module's timer. */
  void expireDue() {
    for (int id : state.services.expire(clock.instant())) {
      pushRemoval(id, "ttl expired");
    }
  }

  private CompletableFuture<Void> pushRemoval(int serviceId, String reason) {
    state.refresh();
    return CompletableFuture.allOf(installer.reconcile("service " + serviceId + " " + reason),
        installer.deleteFlowsOfService(serviceId));
  }

  /** A service came, changed or went (here, or in a shared store elsewhere). */
  /**
   * Every change of the service store, made here or by another member of a cluster (or by etcd, expiring a
   * lease): the snapshot follows it and the switches this member writes to are brought in line. Pushes queued
   * back to back run as one, so a change made here, whose caller queued its own push, costs nothing more.
   */
  private void changed(StoreEvent<Integer, ServiceInfo> event) {
    state.refresh();
    installer.reconcile("service " + event.key() + " " + event.type().name().toLowerCase(java.util.Locale.ROOT)
        + " in the store").exceptionally(e -> {
          if (!(e instanceof InterruptedException || e.getCause() instanceof InterruptedException)) {
            log.warn("service {}: switches not brought in line after its {} in the store: {}", event.key(),
                event.type(), e.toString());
          }
          return null;
        });
    if (event.type() == StoreEvent.Type.PUT && event.before().isEmpty()) {
      ServiceInfo info = event.after().orElseThrow();
      listeners.tell(l -> l.serviceRegistered(info));
    } else if (event.type() != StoreEvent.Type.PUT) {
      ServiceInfo info = event.before().orElseThrow();
      String reason = event.type() == StoreEvent.Type.EXPIRE ? "ttl expired" : "removed";
      log.info("service {} '{}' {}", info.id(), info.request().name(), reason);
      listeners.tell(l -> l.serviceRemoved(info, reason));
    }
  }

  @Override
  public Optional<ServiceInfo> service(int serviceId) {
    return state.services.get(serviceId).map(Versioned::value);
  }

  @Override
  public List<ServiceInfo> services() {
    return state.services.all().values().stream().map(Versioned::value)
        .sorted(Comparator.comparingInt(ServiceInfo::id)).toList();
  }

  @Override
  public void addListener(SteeringListener listener) {
    listeners.add(listener);
  }

  @Override
  public void removeListener(SteeringListener listener) {
    listeners.remove(listener);
  }

  /**
   * The next service id free in the store after the last one handed out anywhere in the cluster (ids wrap at the
   * cookie's limit), claimed in the shared "ids" record so no other member hands it out too.
   */
  private int allocateId() throws SteeringException {
    if (state.services.all().size() >= Cookie.MAX_SERVICE) {
      throw new SteeringException("no service id left");
    }
    return lastIds.claim(last -> {
      for (int i = 1; i <= Cookie.MAX_SERVICE; i++) {
        int candidate = (last + i - 1) % Cookie.MAX_SERVICE + 1;
        if (state.services.get(candidate).isEmpty()) {
          return candidate;
        }
      }
      return last % Cookie.MAX_SERVICE + 1;
    });
  }
}
