package org.netservof.bridge.signaling;

import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.netservof.bridge.signaling.SignalFrames.Datagram;
import org.netservof.bridge.signaling.SignalFrames.Endpoint;
import org.netservof.controller.api.Command;
import org.netservof.controller.api.MessageContext;
import org.netservof.controller.api.MessageListener;
import org.netservof.controller.api.OFSwitch;
import org.netservof.policy.fabric.SwitchPort;
import org.netservof.policy.packet.EthernetFrame;
import org.netservof.protocol.log.LogBudget;
import org.netservof.protocol.signaling.Method;
import org.netservof.protocol.signaling.SignalCodec;
import org.netservof.protocol.signaling.SignalFormatException;
import org.netservof.protocol.signaling.SignalRequest;
import org.netservof.protocol.signaling.SignalResponse;
import org.netservof.protocol.signaling.StackEntry;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFPacketIn;
import org.projectfloodlight.openflow.types.IPv4Address;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This domain as a NetServ hop on the signaling path. A request that enters the fabric is processed here and
 * passed on toward its destination; whoever is further along answers, and the answer comes back through
 * here to collect this domain's entry. When the destination itself answers with ICMP port-unreachable, or
 * nothing answers within the downstream timeout, this domain is the last on the path and answers the
 * requester. A TRIGGER's last domain sends the request it carries back toward the TRIGGER's sender, and
 * turns the answer to that into the TRIGGER's answer.
 *
 * <p>Nothing is passed on or remembered before its signature holds: a request that is not its user's is
 * answered here and goes no further. Signaling is never flooded: a request whose next hop (its destination
 * MAC) this domain has not learnt is acted on and answered here as the last domain. What waits for an answer
 * has a bound ({@code signaling.max-pending}).
 */
final class OnPathRelay implements MessageListener {
  static final String NAME = "signaling";
  private static final Logger log = LoggerFactory.getLogger(OnPathRelay.class);

  /** What waits for an answer: the requester and the destination it sent to. */
  record Key(Endpoint requester, IPv4Address destination) {}

  /** A request passed on, waiting for the answer from further along. */
  static final class Pending {
    final SignalRequest request;
    final Datagram datagram;
    final CompletableFuture<StackEntry> local;
    /** The TRIGGER whose carried request this is; null for a request a host sent. */
    final Pending trigger;
    volatile ScheduledFuture<?> timeout;

    Pending(SignalRequest request, Datagram datagram, CompletableFuture<StackEntry> local, Pending trigger) {
      this.request = request;
      this.datagram = datagram;
      this.local = local;
      this.trigger = trigger;
    }

    /** Stops waiting; an answer may come before the wait was even scheduled (another worker's ICMP). */
    void cancelTimeout() {
      ScheduledFuture<?> t = timeout;
      if (t != null) {
        t.cancel(false);
      }
    }
  }

  private final SignalProcessor processor;
  /** Where requests are verified and acted on: signatures cost a millisecond, not for a switch's I/O thread. */
  private final Executor workers;
  private final SignalSender sender;
  private final ScheduledExecutorService timer;
  private final long downstreamTimeoutMillis;
  private final PendingTable pending;
  private final SignalingCounters counters;
  private final LogBudget malformedLog;

  OnPathRelay(SignalProcessor processor, Executor workers, SignalSender sender, ScheduledExecutorService timer,
      SignalingConfig config, SignalingCounters counters, Clock clock) {
    this.processor = processor;
    this.workers = workers;
    this.sender = sender;
    this.timer = timer;
    this.downstreamTimeoutMillis = config.downstreamTimeout().toMillis();
    this.pending = new PendingTable(config.maxPending());
    this.counters = counters;
    this.malformedLog = LogBudget.onClock(20, Duration.ofMillis(500), clock);
    counters.pending(pending::size, pending.bound());
  }

  @Override
  public Command receive(OFSwitch sw, OFMessage message, MessageContext context) {
    if (context.frame().isEmpty() || context.inPort().isEmpty()) {
      return Command.CONTINUE;
    }
    EthernetFrame frame = context.frame().get();
    byte[] bytes = ((OFPacketIn) message).getData();
    SwitchPort ingress = new SwitchPort(sw.id(), context.inPort().get());
    Optional<Datagram> udp = SignalFrames.udp(frame, bytes, ingress);
    if (udp.isPresent() && udp.get().dstPort() == SignalFrames.PORT) {
      onRequest(udp.get(), bytes, ingress);
      return Command.STOP;
    }
    if (udp.isPresent() && udp.get().srcPort() == SignalFrames.PORT) {
      onResponse(udp.get(), bytes, ingress);
      return Command.STOP;
    }
    Optional<SignalFrames.Unreachable> icmp = SignalFrames.portUnreachable(frame, bytes);
    if (icmp.isPresent() && icmp.get().dstPort() == SignalFrames.PORT) {
      Key key = new Key(new Endpoint(icmp.get().src(), icmp.get().srcPort()), icmp.get().dst());
      Pending p = pending.takeAnsweredBy(key, icmp.get().checksum()).orElse(null);
      if (p != null) {
        p.cancelTimeout();
        log.debug("{} of {} reached {}, which does not listen: this domain is the last", p.request.method(),
            key.requester(), key.destination());
        answerAsLast(p);
        return Command.STOP;
      }
    }
    return Command.CONTINUE;
  }

  private void onRequest(Datagram udp, byte[] frame, SwitchPort ingress) {
    counters.received.increment();
    SignalRequest request;
    try {
      request = SignalCodec.parseRequest(udp.payload());
    } catch (SignalFormatException e) {
      counters.malformed.increment();
      if (malformedLog.spend() >= 0) {
        log.warn("malformed signaling from {} at {}: {}", udp.source(), ingress, e.getMessage());
      }
      MalformedRequests.answerable(udp.payload())
          .ifPresent(r -> sender.reply(udp, r.withEntry(processor.malformed(e.getMessage()))));
      return; // a message nobody can read goes no further
    }
    Key key = new Key(udp.source(), udp.dst());
    if (pending.has(key, request.nonce().orElse(""))) {
      return; // a copy of one already on its way
    }
    admitElsewhere(key, request, udp, frame, null, udp.source().toString());
  }

  /** Admits a request on a worker; when they are all busy and their queue is full, refuses it (503). */
  private void admitElsewhere(Key key, SignalRequest request, Datagram datagram, byte[] frame, Pending trigger,
      String from) {
    try {
      workers.execute(() -> admit(key, request, datagram, frame, trigger, from));
    } catch (RejectedExecutionException e) {
      counters.busy.increment();
      refuse(request, datagram, trigger, from, new Refusal(503, "too many requests in hand; try again"));
    }
  }

  /**
   * On a worker: checks who sent the request, and only then remembers it, passes it on toward its next hop
   * and acts on it. A request that is not its user's is answered here and goes nowhere else; one whose next
   * hop this domain has not learnt is not flooded: this domain acts on it and answers as the last on the path.
   *
   * @param frame what to send on toward the next hop, {@code datagram.dstMac()}
   */
  private void admit(Key key, SignalRequest request, Datagram datagram, byte[] frame, Pending trigger, String from) {
    UserPolicy user;
    try {
      user = processor.authenticate(request, datagram.payload());
    } catch (Refusal r) {
      refuse(request, datagram, trigger, from, r);
      return;
    }
    CompletableFuture<StackEntry> local = new CompletableFuture<>();
    Pending p = new Pending(request, datagram, local, trigger);
    Optional<SwitchPort> next = sender.portOf(datagram.dstMac());
    if (next.isEmpty()) {
      counters.nextHopUnknown.increment();
      log.debug("{} of user {} from {}: next hop {} unknown here, not flooded; this domain is the last",
          request.method(), user.name(), from, datagram.dstMac());
      processor.act(request, user, from).thenAccept(local::complete);
      answerAsLast(p);
      return;
    }
    if (!start(key, p)) {
      counters.pendingFull.increment();
      refuse(request, datagram, trigger, from, new Refusal(503, "this domain has " + pending.bound()
          + " requests waiting for answers from further along, its most; try again"));
      return;
    }
    counters.relayed.increment();
    sender.out(next.get(), frame);
    processor.act(request, user, from).thenAccept(local::complete);
  }

  /** Answers a refused request at once, as if this domain were the last: it goes no further. */
  private void refuse(SignalRequest request, Datagram datagram, Pending trigger, String from, Refusal r) {
    StackEntry entry = processor.refused(request, from, r);
    finish(new Pending(request, datagram, CompletableFuture.completedFuture(entry), trigger), first(request, entry));
  }

  /** Waits for the answer from further along, or for the moment this domain must answer itself. */
  private boolean start(Key key, Pending p) {
    if (!pending.add(key, p)) {
      return false;
    }
    p.timeout = timer.schedule(() -> {
      if (pending.remove(key, p)) {
        log.debug("no answer from beyond {} within {} ms: this domain is the last", key.destination(),
            downstreamTimeoutMillis);
        answerAsLast(p);
      }
    }, downstreamTimeoutMillis, TimeUnit.MILLISECONDS);
    return true;
  }

  private void onResponse(Datagram udp, byte[] frame, SwitchPort ingress) {
    SignalResponse response;
    try {
      response = SignalCodec.parseResponse(udp.payload());
    } catch (SignalFormatException e) {
      if (malformedLog.spend() >= 0) { // as malformed requests: anyone can send them at line rate
        log.warn("malformed signaling response from {} at {} dropped: {}", udp.source(), ingress, e.getMessage());
      }
      return;
    }
    Key key = new Key(new Endpoint(udp.dst(), udp.dstPort()), udp.src());
    Pending p = pending.takeByNonce(key, response.nonce()).orElse(null);
    if (p == null) {
      sender.deliver(frame, udp.dstMac()); // an answer to a request that did not pass here
      return;
    }
    p.cancelTimeout();
    p.local.thenAccept(entry -> finish(p, response.withEntry(entry)));
  }

  private void answerAsLast(Pending p) {
    p.local.thenAccept(entry -> {
      if (p.request.method() == Method.TRIGGER && entry.code() == 200) {
        sendCarriedRequest(p, entry);
      } else {
        finish(p, first(p.request, entry));
      }
    });
  }

  /** Sends an answer on toward whoever asked: the requester, or for a carried request, the TRIGGER's sender. */
  private void finish(Pending p, SignalResponse response) {
    if (p.trigger == null) {
      sender.reply(p.datagram, response);
      return;
    }
    SignalRequest t = p.trigger.request;
    SignalResponse answer = new SignalResponse(response.code(), response.reason(), t.method(), t.module(),
        t.nonce().orElseThrow(), response.stack());
    p.trigger.local.thenAccept(entry -> sender.reply(p.trigger.datagram, answer.withEntry(entry)));
  }

  /**
   * The last domain of a TRIGGER: the request it carries starts here, from the TRIGGER's destination back
   * toward its sender, so it is processed by every domain on the reverse path, this one first.
   */
  private void sendCarriedRequest(Pending trigger, StackEntry accepted) {
    Datagram t = trigger.datagram;
    SignalRequest carried;
    byte[] carriedBytes;
    try {
      carriedBytes = Base64.getDecoder().decode(trigger.request.request().orElseThrow());
      carried = SignalCodec.parseRequest(carriedBytes);
    } catch (SignalFormatException | IllegalArgumentException e) {
      finish(trigger, first(trigger.request, processor.entry(400, "carried request: " + e.getMessage())));
      return;
    }
    if (carried.method() != Method.SETUP && carried.method() != Method.PROBE
        || !carried.user().equals(trigger.request.user())) {
      finish(trigger, first(trigger.request, processor.entry(400,
          "a TRIGGER carries a SETUP or PROBE of the same user")));
      return;
    }
    Endpoint from = new Endpoint(t.dst(), t.srcPort());
    Endpoint to = new Endpoint(t.src(), SignalFrames.PORT);
    Datagram reverse = new Datagram(t.dstMac(), t.srcMac(), from.address(), to.address(), from.port(), to.port(),
        PendingTable.ANY_CHECKSUM, carriedBytes, Optional.empty());
    log.info("TRIGGER of user {}: sending its {} from {} back toward {}", carried.user().orElse("?"),
        carried.method(), from, to);
    admitElsewhere(new Key(from, to.address()), carried, reverse,
        SignalFrames.build(t.dstMac(), t.srcMac(), from, to, carriedBytes), trigger, from + " (triggered)");
  }

  /** The answer of the domain that saw a request first, as the last on the path. */
  private static SignalResponse first(SignalRequest request, StackEntry entry) {
    return SignalResponse.of(entry.code(), request.method(), request.module(), request.nonce().orElseThrow())
        .withEntry(entry);
  }

  /** Forgets what waits: the controller is stopping. */
  void clear() {
    pending.clear().forEach(Pending::cancelTimeout);
  }

  int waiting() {
    return pending.size();
  }
}
