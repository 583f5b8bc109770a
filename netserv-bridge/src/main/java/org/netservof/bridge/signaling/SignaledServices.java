package org.netservof.bridge.signaling;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.netservof.bridge.api.Deployment;
import org.netservof.bridge.api.DeploymentException;
import org.netservof.bridge.api.DeploymentRequest;
import org.netservof.bridge.api.DeploymentService;
import org.netservof.bridge.api.ModuleInstall;
import org.netservof.bridge.api.PublisherChannelService;
import org.netservof.bridge.api.ServiceInfo;
import org.netservof.bridge.api.ServiceRequest;
import org.netservof.bridge.api.SteeringAdminService;
import org.netservof.bridge.api.SteeringException;
import org.netservof.bridge.api.SteeringListener;
import org.netservof.bridge.api.SteeringService;
import org.netservof.policy.filter.Filter;
import org.netservof.protocol.signaling.SignalRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SETUP and REMOVE translated onto the deployment service, as soft state: a SETUP deploys the module for
 * its filter with the request's ttl, the same SETUP again pushes the ttl out (and, with other properties, updates
 * the running module through {@link PublisherChannelService}), and a REMOVE (or the ttl)
 * ends the service, whose deployment then takes the module off the nodes that no longer need it. A user's
 * signaled services are the deployments of origin SIGNALING: nothing is kept here.
 */
final class SignaledServices implements SteeringListener {
  private static final Logger log = LoggerFactory.getLogger(SignaledServices.class);

  private final SteeringService steering;
  private final SteeringAdminService steeringAdmin;
  private final DeploymentService deployments;
  private final PublisherChannelService channel;
  private final SignalingConfig config;
  private final PropertyStamps stamps;
  private final AtomicInteger sequence = new AtomicInteger();

  SignaledServices(SteeringService steering, SteeringAdminService steeringAdmin, DeploymentService deployments,
      PublisherChannelService channel, SignalingConfig config) {
    this.steering = steering;
    this.steeringAdmin = steeringAdmin;
    this.deployments = deployments;
    this.channel = channel;
    this.config = config;
    this.stamps = new PropertyStamps(config.timestampWindow().toSeconds());
  }

  /** Installs (or refreshes) what a SETUP asks for; completes with the detail for the response stack. */
  CompletableFuture<String> setup(SignalRequest request, UserPolicy user) throws Refusal {
    Filter filter = SignalFilters.filterOf(request);
    if (!user.permits(filter)) {
      throw new Refusal(403, "filter " + filter + " is outside what user '" + user.name() + "' may filter",
          SignalOutcome.OUT_OF_GRANT);
    }
    Duration ttl = Duration.ofSeconds(request.ttlSeconds().orElseThrow(() -> new Refusal(400, "no ttl")));
    DeploymentRequest wanted = deploymentOf(request, user, filter, ttl);
    try {
      deployments.admit(wanted); // before the user's meter is touched: a refused SETUP changes nothing
    } catch (DeploymentException e) {
      throw new Refusal(e.status(), e.getMessage());
    }
    synchronized (this) {
      Optional<Deployment> same = signaled(user.name()).stream()
          .filter(d -> d.module().map(ModuleInstall::module).equals(Optional.of(request.module()))
              && d.service().filter().equals(filter)).findFirst();
      if (same.isPresent()) {
        sameCode(same.get().module().orElseThrow(), wanted.module().orElseThrow());
        if (same.get().module().orElseThrow().properties().equals(Map.copyOf(request.properties()))) {
          return CompletableFuture.completedFuture(refresh(same.get(), ttl));
        }
        notOlder(user.name(), request);
        return update(request, user, same.get(), ttl);
      }
      long count = signaled(user.name()).size();
      if (count >= user.maxServices()) {
        throw new Refusal(403, "user '" + user.name() + "' has " + count + " services here, the most allowed",
            SignalOutcome.OUT_OF_GRANT);
      }
      // The cap is in steering's state at once, so the service's entries, pushed after the installs, name a
      // meter that the same push adds first. Deployed under the lock: a second copy of this SETUP finds it.
      CompletableFuture<Void> capped = steeringAdmin.setUserRate(user.name(), user.maxRateKbps());
      stamps.set(user.name(), request.module(), signedAt(request));
      return capped.thenCombine(deploy(wanted), (c, d) -> d.detail()
          .replaceFirst("(service \\d+)", "$1 for " + ttl.getSeconds() + " s"));
    }
  }

  private DeploymentRequest deploymentOf(SignalRequest request, UserPolicy user, Filter filter, Duration ttl)
      throws Refusal {
    ModuleInstall install;
    try {
      install = new ModuleInstall(user.name(), request.module(), URI.create(request.url().orElseThrow()),
          request.moduleSha256().orElseThrow(), request.properties(), user.listenGrant().entries());
    } catch (IllegalArgumentException | NoSuchElementException e) {
      throw new Refusal(400, "cannot install: " + e.getMessage());
    }
    String name = "sig" + sequence.incrementAndGet() + "-" + user.name();
    ServiceRequest service = new ServiceRequest(name.length() > 64 ? name.substring(0, 64) : name, filter,
        config.pool(), config.steeringMode(), Optional.of(ttl), Optional.of(user.name()));
    return new DeploymentRequest(Deployment.Origin.SIGNALING, service, Optional.of(install), request.nodeId(),
        request.dependencies());
  }

  private CompletableFuture<Deployment> deploy(DeploymentRequest request) {
    try {
      return deployments.deploy(request).done();
    } catch (DeploymentException e) {
      return CompletableFuture.failedFuture(new RefusalException(new Refusal(e.status(), e.getMessage())));
    }
  }

  /**
   * A SETUP of a running module is a refresh or an update, never new code under the same name: that needs a
   * REMOVE first (or another module name), or the nodes would run what the publisher did not sign for.
   */
  private static void sameCode(ModuleInstall running, ModuleInstall wanted) throws Refusal {
    if (!running.sha256().equalsIgnoreCase(wanted.sha256())) {
      throw new Refusal(409, "user '" + running.user() + "' runs other code as " + running.module()
          + " for this filter (sha256 " + running.sha256() + "); REMOVE it first, or give the new code "
          + "another module name");
    }
  }

  /** Refuses new properties signed before those the module runs with: they would roll an update back. */
  private void notOlder(String user, SignalRequest request) throws Refusal {
    Optional<Long> newer = stamps.newerThan(user, request.module(), signedAt(request));
    if (newer.isPresent()) {
      throw new Refusal(409, "this SETUP (timestamp " + signedAt(request) + ") was signed before the SETUP that set "
          + request.module() + "'s properties (timestamp " + newer.get() + "); sign it again to change them");
    }
  }

  /** A SETUP's signed time; the authenticator refused any without one. */
  private static long signedAt(SignalRequest request) {
    return request.timestamp().orElse(0);
  }

  /**
   * The same SETUP with other properties: the running module's update, then the refresh. A refused or failed
   * update refreshes nothing: a SETUP that is not acted on changes nothing.
   */
  private CompletableFuture<String> update(SignalRequest request, UserPolicy user, Deployment same, Duration ttl)
      throws Refusal {
    try {
      return channel.update(user.name(), request.module(), request.properties(), Deployment.Origin.SIGNALING)
          .thenApply(detail -> {
            stamps.set(user.name(), request.module(), signedAt(request));
            return detail + "; " + refreshAfterUpdate(same, ttl);
          });
    } catch (DeploymentException e) {
      throw new Refusal(e.status(), e.getMessage());
    }
  }

  private String refreshAfterUpdate(Deployment d, Duration ttl) {
    try {
      return refresh(d, ttl);
    } catch (Refusal r) {
      throw new RefusalException(r);
    }
  }

  /** A SETUP already deployed (or being deployed): its ttl is pushed out. */
  private String refresh(Deployment d, Duration ttl) throws Refusal {
    if (d.serviceId().isEmpty()) {
      throw new Refusal(409, "the same SETUP is being installed; send it again once that one is answered");
    }
    try {
      steeringAdmin.refresh(d.serviceId().get(), ttl);
    } catch (SteeringException e) {
      throw new Refusal(500, "cannot refresh: " + e.getMessage());
    }
    return "refreshed service " + d.serviceId().get() + " for " + ttl.getSeconds() + " s on "
        + String.join(",", d.nodes());
  }

  /** Users' caps read again: users with services get theirs at once. */
  void applyRates(Users users) {
    TreeSet<String> withServices = new TreeSet<>();
    signaledDeployments().forEach(d -> withServices.add(d.service().user().orElseThrow()));
    for (String user : withServices) {
      users.get(user).ifPresent(u -> steeringAdmin.setUserRate(user, u.maxRateKbps()));
    }
  }

  /** Removes every service of the user's module; completes with the detail for the response stack. */
  CompletableFuture<String> remove(SignalRequest request, UserPolicy user) throws Refusal {
    List<Integer> matching = signaled(user.name()).stream()
        .filter(d -> d.module().map(m -> m.module().equals(request.module())).orElse(false))
        .flatMap(d -> d.serviceId().stream()).toList();
    if (matching.isEmpty()) {
      throw new Refusal(404, "user '" + user.name() + "' has no service of " + request.module() + " here");
    }
    List<CompletableFuture<Void>> removals = new ArrayList<>();
    for (int id : matching) {
      try {
        removals.add(steeringAdmin.remove(id));
      } catch (SteeringException e) {
        removals.add(CompletableFuture.completedFuture(null)); // gone already: expired a moment ago
      }
    }
    return CompletableFuture.allOf(removals.toArray(CompletableFuture[]::new))
        .thenApply(done -> "removed " + matching.size() + " service" + (matching.size() == 1 ? "" : "s"));
  }

  /** A user's last signaled service went: its meter goes with it. */
  @Override
  public void serviceRemoved(ServiceInfo info, String reason) {
    Optional<String> user = info.request().user();
    if (user.isEmpty() || deployments.deploymentOfService(info.id()).map(d -> d.origin()
        != Deployment.Origin.SIGNALING).orElse(false)) {
      return;
    }
    boolean more = steering.services().stream().anyMatch(s -> s.id() != info.id() && s.request().user().equals(user)
        && deployments.deploymentOfService(s.id()).map(d -> d.origin() == Deployment.Origin.SIGNALING).orElse(false));
    if (!more) {
      steeringAdmin.setUserRate(user.get(), 0);
    }
  }

  /** The steering ids of the user's services. */
  List<Integer> serviceIdsOf(String user) {
    return signaled(user).stream().flatMap(d -> d.serviceId().stream()).sorted().toList();
  }

  /**
   * The user's services here, for PROBE: module to nodes, the service addresses of those nodes that have one
   * (where a server module listens), expiry and the latest report from each node.
   */
  Map<String, Object> servicesOf(String user, Function<String, Optional<String>> addressOf) {
    Map<String, Object> out = new TreeMap<>();
    for (Deployment d : signaled(user)) {
      if (d.serviceId().isEmpty()) {
        continue;
      }
      Map<String, Object> one = new LinkedHashMap<>();
      one.put("filter", d.service().filter().toString());
      one.put("nodes", new TreeSet<>(d.nodes()));
      one.put("addresses", new TreeSet<>(d.nodes().stream().flatMap(n -> addressOf.apply(n).stream()).toList()));
      steering.service(d.serviceId().get()).flatMap(ServiceInfo::expiresAt)
          .ifPresent(t -> one.put("expires", t.toString()));
      ModuleInstall m = d.module().orElseThrow();
      Map<String, Object> reports = new TreeMap<>();
      channel.reports(user, m.module()).forEach((node, r) -> reports.put(node, Map.of("at", r.at().toString(),
          "report", r.report())));
      if (!reports.isEmpty()) {
        one.put("reports", reports);
      }
      out.put(m.module() + "#" + d.serviceId().get(), one);
    }
    return out;
  }

  int count() {
    return signaledDeployments().size();
  }

  private List<Deployment> signaledDeployments() {
    return deployments.deployments().stream().filter(d -> d.origin() == Deployment.Origin.SIGNALING).toList();
  }

  /** Whether the user runs the module here through signaling: its notification URL still has a use. */
  boolean runs(String user, String module) {
    return signaled(user).stream().anyMatch(d -> d.module().map(ModuleInstall::module).equals(Optional.of(module)));
  }

  private List<Deployment> signaled(String user) {
    return signaledDeployments().stream().filter(d -> d.service().user().equals(Optional.of(user))).toList();
  }

  /** The response code a failed SETUP or REMOVE answers with: the refusal's or the deployment's, else 502. */
  static int codeOf(Throwable failure) {
    Throwable t = failure;
    while (t instanceof CompletionException && t.getCause() != null) {
      t = t.getCause();
    }
    if (t instanceof RefusalException r) {
      return r.refusal().code();
    }
    return t instanceof DeploymentException d ? d.status() : 502;
  }

  /** The outcome a failure of the work counts as: a refusal's own, otherwise by its code. */
  static SignalOutcome outcomeOf(Throwable failure) {
    Throwable t = failure;
    while (t instanceof CompletionException && t.getCause() != null) {
      t = t.getCause();
    }
    return t instanceof RefusalException r ? r.refusal().outcome() : SignalOutcome.ofCode(codeOf(failure));
  }

  static String rootMessage(Throwable e) {
    Throwable t = e;
    while ((t instanceof CompletionException || t instanceof RefusalException) && t.getCause() != null) {
      if (t instanceof RefusalException r) {
        return r.refusal().getMessage();
      }
      t = t.getCause();
    }
    if (t instanceof DeploymentException d) {
      return d.getMessage();
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
