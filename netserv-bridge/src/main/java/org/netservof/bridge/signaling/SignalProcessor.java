package org.netservof.bridge.signaling;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import org.netservof.bridge.api.AgentView;
import org.netservof.bridge.api.NodePoolService;
import org.netservof.bridge.api.NodeView;
import org.netservof.controller.util.RepeatedFailures;
import org.netservof.policy.filter.Filter;
import org.netservof.protocol.log.LogBudget;
import org.netservof.protocol.signaling.Method;
import org.netservof.protocol.signaling.SignalRequest;
import org.netservof.protocol.signaling.StackEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * What this domain does with one request, whatever path it came by: authenticate it, then SETUP, REMOVE or
 * PROBE. The result is this domain's entry for the response stack; a refusal is an entry too (and changes
 * nothing), so the future never fails.
 */
final class SignalProcessor {
  private static final Logger log = LoggerFactory.getLogger(SignalProcessor.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Refusals logged per 10 s; the rest are counted only. */
  private static final int REFUSALS_LOGGED = 20;

  private final String domain;
  private final Authenticator authenticator;
  private final SignaledServices services;
  private final NodePoolService nodes;
  private final Notifier notifier;
  private final SignalingMeters meters;
  private final LogBudget refusalLog;
  /** Requests that fail the same way (a bug, a user's broken module URL) are logged once per interval. */
  private final RepeatedFailures errorLog = RepeatedFailures.of(log, Level.ERROR);
  private final RepeatedFailures failureLog = RepeatedFailures.of(log, Level.WARN);

  SignalProcessor(String domain, Authenticator authenticator, SignaledServices services, NodePoolService nodes,
      Notifier notifier, SignalingMeters meters, Clock clock) {
    this.refusalLog = LogBudget.onClock(REFUSALS_LOGGED, Duration.ofSeconds(10).dividedBy(REFUSALS_LOGGED), clock);
    this.domain = domain;
    this.authenticator = authenticator;
    this.services = services;
    this.nodes = nodes;
    this.notifier = notifier;
    this.meters = meters;
  }

  /** Authenticates the request, then acts on it. */
  CompletableFuture<StackEntry> process(SignalRequest request, byte[] raw, String from) {
    UserPolicy user;
    try {
      user = authenticate(request, raw);
    } catch (Refusal r) {
      return CompletableFuture.completedFuture(refused(request, from, r));
    }
    return act(request, user, from);
  }

  /**
   * Who sent the request; changes nothing and remembers nothing unless the signature holds. A notification URL
   * the notifier would not call refuses the request here too, before it is relayed or anything is done.
   *
   * @throws Refusal when the request is not its user's, is a replay, its user sent too many, or it names a
   *     notification URL that is not allowed
   */
  UserPolicy authenticate(SignalRequest request, byte[] raw) throws Refusal {
    UserPolicy user = authenticator.authenticate(request, raw);
    Optional<String> refused = request.notification().filter(url -> !url.isEmpty()).flatMap(notifier::refusal);
    if (refused.isPresent()) {
      throw new Refusal(403, refused.get());
    }
    return user;
  }

  /** This domain's entry for a refused request, logged within the budget (a flood is all refusals). */
  StackEntry refused(SignalRequest request, String from, Refusal r) {
    meters.count(request.method(), r.outcome());
    long held = refusalLog.spend();
    if (held >= 0) {
      log.warn("{} {} from {} refused ({}): {}{}", request.method(), request.module(), from, r.code(),
          r.getMessage(), held == 0 ? "" : " (" + held + " refusals before this one not logged)");
    }
    return entry(r.code(), r.getMessage());
  }

  /** Does what an authenticated request asks. */
  CompletableFuture<StackEntry> act(SignalRequest request, UserPolicy user, String from) {
    CompletableFuture<String> work;
    try {
      work = switch (request.method()) {
        case SETUP -> services.setup(request, user);
        case REMOVE -> services.remove(request, user);
        case PROBE -> CompletableFuture.completedFuture(probe(request, user));
        case TRIGGER -> CompletableFuture.completedFuture("trigger accepted");
      };
    } catch (Refusal r) {
      return CompletableFuture.completedFuture(refused(request, from, r));
    } catch (RuntimeException e) {
      errorLog.report(List.of(request.method(), e.getClass()), e, "{} {} from {} failed", request.method(),
          request.module(), from);
      meters.count(request.method(), SignalOutcome.ERROR);
      return CompletableFuture.completedFuture(entry(500, "internal error: " + e));
    }
    return finished(request, from, work);
  }

  /** The entry for work done or failed; a finished SETUP or REMOVE is notified. */
  private CompletableFuture<StackEntry> finished(SignalRequest request, String from, CompletableFuture<String> work) {
    return work.handle((detail, failure) -> {
      if (failure == null) {
        // Installs and removals are worth a line each; refreshes and probes come as often as users like.
        boolean routine = request.method() == Method.PROBE || detail.startsWith("refreshed");
        Object[] args = {request.method(), request.module(), request.user().orElse("?"), from, detail};
        if (routine) {
          log.debug("{} {} of user {} from {}: {}", args);
        } else {
          log.info("{} {} of user {} from {}: {}", args);
        }
        if (request.method() == Method.SETUP || request.method() == Method.REMOVE) {
          request.notification().filter(url -> !url.isEmpty())
              .ifPresent(url -> notifier.notify(url, request, domain, detail));
        }
        meters.count(request.method(), SignalOutcome.OK);
        return entry(200, detail);
      }
      int code = SignaledServices.codeOf(failure);
      meters.count(request.method(), SignaledServices.outcomeOf(failure));
      String reason = SignaledServices.rootMessage(failure);
      failureLog.report(List.of(request.method(), request.user().orElse("?"), code), null,
          "{} {} of user {} (nonce {}) from {} failed ({}): {}", request.method(), request.module(),
          request.user().orElse("?"), request.nonce().orElse("-"), from, code, reason);
      return entry(code, reason);
    });
  }

  /** This domain's entry for a request too malformed to parse (400), counted as such. */
  StackEntry malformed(String reason) {
    meters.malformed();
    return entry(400, reason);
  }

  /** This domain's entry; a detail too long for one stack line is cut, and says so. */
  StackEntry entry(int code, String detail) {
    String printable = detail.replaceAll("[^\\x20-\\x7e]", "?");
    return new StackEntry(domain, code, printable.length() <= StackEntry.MAX_DETAIL ? printable
        : printable.substring(0, StackEntry.MAX_DETAIL - 3) + "...");
  }

  /** What a PROBE asks about this domain, as one line of compact JSON. */
  private String probe(SignalRequest request, UserPolicy user) {
    List<String> asked = request.probe().contains("all")
        ? List.of("status", "nodes", "capabilities", "policy", "modules") : request.probe();
    List<NodeView> all = nodes.nodes().stream().filter(n -> n.agent().isPresent()).toList();
    Map<String, Object> out = new LinkedHashMap<>();
    for (String what : asked) {
      switch (what) {
        case "status" -> out.put("status", Map.of("nodes", all.size(),
            "healthy", all.stream().filter(SignalProcessor::serving).count(), "services", services.count()));
        case "nodes" -> {
          List<Map<String, Object>> list = new ArrayList<>();
          for (NodeView n : all) {
            Map<String, Object> node = new LinkedHashMap<>(Map.of("id", n.id(), "pool", n.spec().pool(), "healthy",
                serving(n), "blocks", blocks(n)));
            n.agent().flatMap(AgentView::serviceAddress).ifPresent(a -> node.put("address", a));
            list.add(node);
          }
          out.put("nodes", list);
        }
        case "capabilities" -> out.put("capabilities",
            new TreeSet<>(all.stream().flatMap(n -> blocks(n).stream()).toList()));
        case "policy" -> out.put("policy", Map.of("filters", user.grants().stream().map(Filter::toString).toList(),
            "max-services", user.maxServices(), "max-rate-kbps", user.maxRateKbps(), "listen-ports",
            user.listenGrant().entries()));
        case "modules" -> out.put("modules", services.servicesOf(user.name(), id -> nodes.node(id)
            .flatMap(NodeView::agent).flatMap(AgentView::serviceAddress)));
        default -> out.put(what, "unknown");
      }
    }
    try {
      return JSON.writeValueAsString(out);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A node serves when it is healthy and its agent is connected. */
  private static boolean serving(NodeView n) {
    return n.healthy() && n.connected();
  }

  private static List<String> blocks(NodeView n) {
    return n.agent().map(AgentView::blocks).orElse(List.of());
  }
}
