package org.netservof.bridge.signaling;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import org.netservof.bridge.api.ModuleInstall;
import org.netservof.bridge.api.NodeService;
import org.netservof.bridge.api.NodeStatus;
import org.netservof.bridge.api.ServiceInfo;
import org.netservof.bridge.api.ServiceRequest;
import org.netservof.bridge.api.SteeringException;
import org.netservof.bridge.api.SteeringListener;
import org.netservof.bridge.api.SteeringService;
import org.netservof.protocol.signaling.SignalRequest;
import org.netservof.policy.filter.Filter;
import org.netservof.policy.filter.PortRange;
import org.netservof.policy.filter.Protocol;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The services signaling created, as soft state: a SETUP installs the module on the pool's nodes and
 * registers a steering service with the request's ttl; the same SETUP again pushes the ttl out; when steering
 * lets the service expire, or a REMOVE takes it away, the module leaves every node no other service of the
 * same user and module still needs.
 */
final class SignaledServices implements SteeringListener {
  private static final Logger log = LoggerFactory.getLogger(SignaledServices.class);

  /** One service: a user's module steered for one filter. */
  record Key(String user, String module, Filter filter) {}

  record Service(Key key, int steeringId, Set<String> nodes) {}

  private final SteeringService steering;
  private final NodeService nodes;
  private final SignalingConfig config;
  private final Map<Key, Service> services = new HashMap<>();
  private final Map<Integer, Service> bySteeringId = new HashMap<>();
  /** SETUPs between their first check and their steering: a second copy must not install twice. */
  private final Set<Key> installing = new HashSet<>();
  private int sequence;

  SignaledServices(SteeringService steering, NodeService nodes, SignalingConfig config) {
    this.steering = steering;
    this.nodes = nodes;
    this.config = config;
  }

  /** The filter a SETUP asks for. */
  static Filter filterOf(SignalRequest request) throws Refusal {
    try {
      Filter f = Filter.of(request.filterProto().map(SignaledServices::protocol).orElse(Protocol.ANY));
      if (request.filterPort().isPresent()) {
        f = f.withDstPorts(new PortRange(request.filterPort().get().from(), request.filterPort().get().to()));
      }
      if (request.filterDst().isPresent()) {
        f = f.withDst(request.filterDst().get());
      }
      if (request.filterSrc().isPresent()) {
        f = f.withSrc(request.filterSrc().get());
      }
      return f;
    } catch (IllegalArgumentException e) {
      throw new Refusal(400, e.getMessage());
    }
  }

  private static Protocol protocol(String text) {
    if (text.chars().allMatch(Character::isDigit)) {
      return switch (Integer.parseInt(text)) {
        case 1 -> Protocol.ICMP;
        case 6 -> Protocol.TCP;
        case 17 -> Protocol.UDP;
        default -> throw new IllegalArgumentException("filter-proto " + text
            + " cannot be steered: only udp, tcp and icmp can");
      };
    }
    return Protocol.parse(text);
  }

  /** Installs (or refreshes) what a SETUP asks for; completes with the detail for the response stack. */
  CompletableFuture<String> setup(SignalRequest request, UserPolicy user) throws Refusal {
    Filter filter = filterOf(request);
    if (!user.permits(filter)) {
      throw new Refusal(403, "filter " + filter + " is outside what user '" + user.name() + "' may filter");
    }
    Duration ttl = Duration.ofSeconds(request.ttlSeconds().orElseThrow(() -> new Refusal(400, "no ttl")));
    Key key = new Key(user.name(), request.module(), filter);
    synchronized (this) {
      Service existing = services.get(key);
      if (existing != null) {
        try {
          steering.refresh(existing.steeringId(), ttl);
        } catch (SteeringException e) {
          throw new Refusal(500, "cannot refresh: " + e.getMessage());
        }
        return CompletableFuture.completedFuture("refreshed service " + existing.steeringId() + " for "
            + ttl.getSeconds() + " s on " + String.join(",", existing.nodes()));
      }
      if (installing.contains(key)) {
        throw new Refusal(409, "the same SETUP is being installed; send it again once that one is answered");
      }
      long count = services.keySet().stream().filter(k -> k.user().equals(user.name())).count()
          + installing.stream().filter(k -> k.user().equals(user.name())).count();
      if (count >= user.maxServices()) {
        throw new Refusal(403, "user '" + user.name() + "' has " + count + " services here, the most allowed");
      }
      installing.add(key);
    }
    try {
      return install(request, user, key, ttl).whenComplete((detail, failure) -> {
        synchronized (this) {
          installing.remove(key);
        }
      });
    } catch (Refusal | RuntimeException e) {
      synchronized (this) {
        installing.remove(key);
      }
      throw e;
    }
  }

  /** Installs the module where it should go, then steers; a failed steering takes back what it installed. */
  private CompletableFuture<String> install(SignalRequest request, UserPolicy user, Key key, Duration ttl)
      throws Refusal {
    List<NodeStatus> targets = targets(request);
    ModuleInstall install;
    try {
      install = new ModuleInstall(user.name(), request.module(), URI.create(request.url().orElseThrow()),
          request.moduleSha256().orElseThrow(), request.properties());
    } catch (IllegalArgumentException | java.util.NoSuchElementException e) {
      throw new Refusal(400, "cannot install: " + e.getMessage());
    }
    Map<String, CompletableFuture<Void>> installs = new LinkedHashMap<>();
    Set<String> fresh = new HashSet<>();
    for (NodeStatus node : targets) {
      if (alreadyInstalled(user.name(), request.module(), node.id())) {
        installs.put(node.id(), CompletableFuture.completedFuture(null));
      } else {
        fresh.add(node.id());
        installs.put(node.id(), install(node.id(), install));
      }
    }
    return CompletableFuture.allOf(installs.values().stream().map(f -> f.exceptionally(e -> null))
        .toArray(CompletableFuture[]::new)).thenCompose(done -> {
          Map<String, String> failed = new TreeMap<>();
          Set<String> ok = new HashSet<>();
          installs.forEach((node, f) -> {
            if (f.isCompletedExceptionally()) {
              failed.put(node, f.handle((v, e) -> rootMessage(e)).join());
            } else {
              ok.add(node);
            }
          });
          if (ok.isEmpty()) {
            throw new RefusalException(new Refusal(502, "no node installed " + request.module() + ": " + failed));
          }
          return register(key, ttl, user.maxRateKbps(), ok).whenComplete((service, failure) -> {
            if (failure != null) {
              ok.stream().filter(fresh::contains).forEach(node -> uninstall(node, key));
            }
          }).thenApply(service -> "installed on " + String.join(",", new TreeSet<>(ok)) + "; service "
              + service.steeringId() + " for " + ttl.getSeconds() + " s"
              + (failed.isEmpty() ? "" : "; failed on " + failed));
        });
  }

  private CompletableFuture<Void> install(String node, ModuleInstall install) {
    try {
      return nodes.install(node, install);
    } catch (SteeringException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private CompletableFuture<ServiceInfo> register(ServiceRequest request) {
    try {
      return steering.register(request);
    } catch (SteeringException e) {
      return CompletableFuture.failedFuture(new RefusalException(new Refusal(503, e.getMessage())));
    }
  }

  private CompletableFuture<Service> register(Key key, Duration ttl, int rateKbps, Set<String> onNodes) {
    String name;
    synchronized (this) {
      name = ("sig" + (++sequence) + "-" + key.user());
    }
    ServiceRequest request = new ServiceRequest(name.length() > 64 ? name.substring(0, 64) : name, key.filter(),
        config.pool(), config.steeringMode(), Optional.of(ttl), Optional.of(key.user()));
    // The user's cap first, so that the service's entries name a meter the switches have.
    return steering.setUserRate(key.user(), rateKbps).thenCompose(capped -> register(request)).thenApply(info -> {
      Service service = new Service(key, info.id(), Set.copyOf(onNodes));
      synchronized (this) {
        services.put(key, service);
        bySteeringId.put(info.id(), service);
      }
      log.info("user {}: {} steered for {} through {} (service {}, ttl {} s)", key.user(), key.module(),
          key.filter(), onNodes, info.id(), ttl.getSeconds());
      return service;
    });
  }

  /** Users' caps read again: users with services get theirs at once. */
  void applyRates(Users users) {
    java.util.Set<String> withServices;
    synchronized (this) {
      withServices = new java.util.TreeSet<>(services.keySet().stream().map(Key::user).toList());
    }
    for (String user : withServices) {
      users.get(user).ifPresent(u -> steering.setUserRate(user, u.maxRateKbps()));
    }
  }

  /** The nodes a SETUP installs on: the pool's healthy nodes, or the one it names, offering its dependencies. */
  private List<NodeStatus> targets(SignalRequest request) throws Refusal {
    List<NodeStatus> candidates = new ArrayList<>();
    for (NodeStatus n : nodes.nodes()) {
      if (n.pool().equals(config.pool()) && n.healthy()
          && request.nodeId().map(id -> id.equals(n.id())).orElse(true)) {
        candidates.add(n);
      }
    }
    if (candidates.isEmpty()) {
      throw new Refusal(503, request.nodeId().map(id -> "node '" + id + "' is not a healthy node of pool '"
          + config.pool() + "'").orElse("pool '" + config.pool() + "' has no healthy node"));
    }
    List<String> needs = request.dependencies();
    List<NodeStatus> offering = candidates.stream().filter(n -> n.blocks().containsAll(needs)).toList();
    if (offering.isEmpty()) {
      throw new Refusal(503, "no node of pool '" + config.pool() + "' offers " + needs);
    }
    return offering;
  }

  private synchronized boolean alreadyInstalled(String user, String module, String node) {
    return services.values().stream().anyMatch(s -> s.key().user().equals(user) && s.key().module().equals(module)
        && s.nodes().contains(node));
  }

  /** Removes every service of the user's module; completes with the detail for the response stack. */
  CompletableFuture<String> remove(SignalRequest request, UserPolicy user) throws Refusal {
    List<Service> matching;
    synchronized (this) {
      matching = services.values().stream().filter(s -> s.key().user().equals(user.name())
          && s.key().module().equals(request.module())).toList();
    }
    if (matching.isEmpty()) {
      throw new Refusal(404, "user '" + user.name() + "' has no service of " + request.module() + " here");
    }
    List<CompletableFuture<Void>> removals = new ArrayList<>();
    for (Service s : matching) {
      try {
        removals.add(steering.remove(s.steeringId()));
      } catch (SteeringException e) {
        removals.add(CompletableFuture.completedFuture(null)); // gone already: expired a moment ago
      }
    }
    return CompletableFuture.allOf(removals.toArray(CompletableFuture[]::new))
        .thenApply(done -> "removed " + matching.size() + " service" + (matching.size() == 1 ? "" : "s"));
  }

  /** Steering dropped a service (REMOVE, ttl, or an operator): its module leaves nodes that no longer need it. */
  @Override
  public void serviceRemoved(ServiceInfo info, String reason) {
    Service gone;
    List<String> uninstall = new ArrayList<>();
    synchronized (this) {
      gone = bySteeringId.remove(info.id());
      if (gone == null) {
        return;
      }
      services.remove(gone.key());
      for (String node : gone.nodes()) {
        if (!alreadyInstalled(gone.key().user(), gone.key().module(), node)) {
          uninstall.add(node);
        }
      }
    }
    log.info("user {}: service {} of {} ended ({}); removing the module from {}", gone.key().user(), info.id(),
        gone.key().module(), reason, uninstall);
    boolean lastOfUser;
    synchronized (this) {
      lastOfUser = services.keySet().stream().noneMatch(k -> k.user().equals(gone.key().user()));
    }
    if (lastOfUser) {
      steering.setUserRate(gone.key().user(), 0); // its meter goes with its last service
    }
    uninstall.forEach(node -> uninstall(node, gone.key()));
  }

  /** Takes a user's module off a node; a node that left took its containers with it. */
  private void uninstall(String node, Key key) {
    try {
      nodes.remove(node, key.user(), key.module()).whenComplete((ok, e) -> {
        if (e != null && nodes.node(node).map(NodeStatus::connected).orElse(false)) {
          log.warn("user {}: removing {} from node {} failed: {}", key.user(), key.module(), node, rootMessage(e));
        } else if (e != null) {
          log.info("user {}: node {} left before {} was removed; its containers went with it", key.user(), node,
              key.module());
        }
      });
    } catch (SteeringException e) {
      log.info("user {}: node {} is gone; nothing to remove there", key.user(), node);
    }
  }

  /** The steering ids of the user's services. */
  synchronized List<Integer> serviceIdsOf(String user) {
    return services.values().stream().filter(s -> s.key().user().equals(user)).map(Service::steeringId).sorted()
        .toList();
  }

  /** The user's services here, for PROBE: module to nodes and expiry. */
  synchronized Map<String, Object> servicesOf(String user) {
    Map<String, Object> out = new TreeMap<>();
    for (Service s : services.values()) {
      if (s.key().user().equals(user)) {
        Map<String, Object> one = new LinkedHashMap<>();
        one.put("filter", s.key().filter().toString());
        one.put("nodes", new TreeSet<>(s.nodes()));
        steering.service(s.steeringId()).flatMap(ServiceInfo::expiresAt).ifPresent(t -> one.put("expires", t.toString()));
        out.put(s.key().module() + "#" + s.steeringId(), one);
      }
    }
    return out;
  }

  synchronized int count() {
    return services.size();
  }

  static String rootMessage(Throwable e) {
    Throwable t = e;
    while ((t instanceof java.util.concurrent.CompletionException || t instanceof RefusalException)
        && t.getCause() != null) {
      if (t instanceof RefusalException r) {
        return r.refusal().getMessage();
      }
      t = t.getCause();
    }
    return t.getMessage() == null ? t.toString() : t.getMessage();
  }

  /** Carries a refusal through a future. */
  static final class RefusalException extends RuntimeException {
    private final Refusal refusal;

    RefusalException(Refusal refusal) {
      super(refusal.getMessage(), refusal);
      this.refusal = refusal;
    }

    Refusal refusal() {
      return refusal;
    }
  }
}
