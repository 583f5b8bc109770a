package org.netservof.bridge.signaling;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.netservof.bridge.signaling.SignalFrames.Datagram;
import org.netservof.bridge.signaling.SignalFrames.Endpoint;
import org.netservof.controller.api.Command;
import org.netservof.controller.api.MessageContext;
import org.netservof.controller.api.MessageListener;
import org.netservof.controller.api.OFSwitch;
import org.netservof.controller.api.SwitchService;
import org.netservof.controller.api.fabric.Host;
import org.netservof.controller.api.fabric.HostService;
import org.netservof.controller.api.fabric.Topology;
import org.netservof.controller.api.fabric.TopologyService;
import org.netservof.policy.fabric.SwitchPort;
import org.netservof.policy.openflow.PacketOuts;
import org.netservof.policy.packet.EthernetFrame;
import org.netservof.protocol.signaling.Method;
import org.netservof.protocol.signaling.SignalCodec;
import org.netservof.protocol.signaling.SignalFormatException;
import org.netservof.protocol.signaling.SignalRequest;
import org.netservof.protocol.signaling.SignalResponse;
import org.netservof.protocol.signaling.StackEntry;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFPacketIn;
import org.projectfloodlight.openflow.types.IPv4Address;
import org.projectfloodlight.openflow.types.MacAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This domain as a NetServ hop on the signaling path. A request that enters the fabric is processed here and
 * passed on toward its destination; whoever is further along answers, and the answer comes back through
 * here to collect this domain's entry. When the destination itself answers with ICMP port-unreachable, or
 * nothing answers within the downstream timeout, this domain is the last on the path and answers the
 * requester. A TRIGGER's last domain sends the request it carries back toward the TRIGGER's sender, and
 * turns the answer to that into the TRIGGER's answer.
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
  }

  private final SignalProcessor processor;
  /** Where requests are verified and acted on: signatures cost a millisecond, not for a switch's I/O thread. */
  private final Executor workers;
  private final SwitchService switches;
  private final HostService hosts;
  private final TopologyService topology;
  private final ScheduledExecutorService timer;
  private final long downstreamTimeoutMillis;
  private final PendingTable pending = new PendingTable();

  OnPathRelay(SignalProcessor processor, Executor workers, SwitchService switches, HostService hosts,
      TopologyService topology, ScheduledExecutorService timer, SignalingConfig config) {
    this.processor = processor;
    this.workers = workers;
    this.switches = switches;
    this.hosts = hosts;
    this.topology = topology;
    this.timer = timer;
    this.downstreamTimeoutMillis = config.downstreamTimeout().toMillis();
  }

  @Override
  public Command receive(OFSwitch sw, OFMessage message, MessageContext context) {
    if (context.frame().isEmpty() || context.inPort().isEmpty()) {
      return Command.CONTINUE;
    }
    EthernetFrame frame = context.frame().get();
    byte[] bytes = ((OFPacketIn) message).getData();
    SwitchPort ingress = new SwitchPort(sw.id(), context.inPort().get());
    Optional<Datagram> udp = SignalFrames.udp(frame, bytes);
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
        p.timeout.cancel(false);
        log.debug("{} of {} reached {}, which does not listen: this domain is the last", p.request.method(),
            key.requester(), key.destination());
        answerAsLast(p);
        return Command.STOP;
      }
    }
    return Command.CONTINUE;
  }

  private void onRequest(Datagram udp, byte[] frame, SwitchPort ingress) {
    SignalRequest request;
    try {
      request = SignalCodec.parseRequest(udp.payload());
    } catch (SignalFormatException e) {
      log.warn("malformed signaling from {} at {}: {}", udp.source(), ingress, e.getMessage());
      answerable(udp.payload()).ifPresent(r -> reply(udp, r.withEntry(processor.entry(400, e.getMessage()))));
      return; // a message nobody can read goes no further
    }
    Key key = new Key(udp.source(), udp.dst());
    if (pending.has(key, request.nonce().orElse(""))) {
      return; // a copy of one already on its way
    }
    start(key, new Pending(request, udp, processElsewhere(request, udp.payload(), udp.source().toString()), null));
    deliver(frame, udp.dstMac(), ingress);
  }

  /** Processes a request on a worker; when they are all busy and their queue is full, refuses it (503). */
  private CompletableFuture<StackEntry> processElsewhere(SignalRequest request, byte[] raw, String from) {
    try {
      return CompletableFuture.supplyAsync(() -> processor.process(request, raw, from), workers)
          .thenCompose(entry -> entry);
    } catch (RejectedExecutionException e) {
      log.warn("{} {} from {} refused: this domain has too many requests in hand", request.method(),
          request.module(), from);
      return CompletableFuture.completedFuture(processor.entry(503, "too many requests in hand; try again"));
    }
  }

  /** Waits for the answer from further along, or for the moment this domain must answer itself. */
  private void start(Key key, Pending p) {
    pending.add(key, p);
    p.timeout = timer.schedule(() -> {
      if (pending.remove(key, p)) {
        log.debug("no answer from beyond {} within {} ms: this domain is the last", key.destination(),
            downstreamTimeoutMillis);
        answerAsLast(p);
      }
    }, downstreamTimeoutMillis, TimeUnit.MILLISECONDS);
  }

  private void onResponse(Datagram udp, byte[] frame, SwitchPort ingress) {
    SignalResponse response;
    try {
      response = SignalCodec.parseResponse(udp.payload());
    } catch (SignalFormatException e) {
      log.warn("malformed signaling response from {} at {} dropped: {}", udp.source(), ingress, e.getMessage());
      return;
    }
    Key key = new Key(new Endpoint(udp.dst(), udp.dstPort()), udp.src());
    Pending p = pending.takeByNonce(key, response.nonce()).orElse(null);
    if (p == null) {
      deliver(frame, udp.dstMac(), ingress); // an answer to a request that did not pass here
      return;
    }
    p.timeout.cancel(false);
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
      reply(p.datagram, response);
      return;
    }
    SignalRequest t = p.trigger.request;
    SignalResponse answer = new SignalResponse(response.code(), response.reason(), t.method(), t.module(),
        t.nonce().orElseThrow(), response.stack());
    p.trigger.local.thenAccept(entry -> reply(p.trigger.datagram, answer.withEntry(entry)));
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
        PendingTable.ANY_CHECKSUM, carriedBytes);
    log.info("TRIGGER of user {}: sending its {} from {} back toward {}", carried.user().orElse("?"),
        carried.method(), from, to);
    start(new Key(from, to.address()), new Pending(carried, reverse,
        processElsewhere(carried, carriedBytes, from + " (triggered)"), trigger));
    deliver(SignalFrames.build(t.dstMac(), t.srcMac(), from, to, carriedBytes), t.srcMac(), null);
  }

  /** The answer of the domain that saw a request first, as the last on the path. */
  private static SignalResponse first(SignalRequest request, StackEntry entry) {
    return SignalResponse.of(entry.code(), request.method(), request.module(), request.nonce().orElseThrow())
        .withEntry(entry);
  }

  private static final Pattern REQUEST_LINE = Pattern.compile("\\A(SETUP|REMOVE|PROBE|TRIGGER) (\\S{1,100}) NETSERV/0\\.1\\r?\\n");
  private static final Pattern NONCE = Pattern.compile("(?m)^nonce: *([A-Za-z0-9_-]{16,64})\\r?$");

  /**
   * A response to a message that did not parse, when enough of it reads to address one: the sender matches
   * answers by nonce, so without a method, module and nonce nobody could take it.
   */
  private static Optional<SignalResponse> answerable(byte[] payload) {
    String text = new String(payload, StandardCharsets.ISO_8859_1);
    Matcher line = REQUEST_LINE.matcher(text);
    Matcher nonce = NONCE.matcher(text);
    if (!line.find() || !nonce.find()) {
      return Optional.empty();
    }
    try {
      return Optional.of(SignalResponse.of(400, Method.valueOf(line.group(1)), line.group(2), nonce.group(1)));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** Answers the sender of {@code request} from the address it sent to. */
  private void reply(Datagram request, SignalResponse response) {
    byte[] payload = SignalCodec.encodeResponse(SignalCodec.truncatedToFit(response));
    byte[] frame = SignalFrames.build(request.dstMac(), request.srcMac(),
        new Endpoint(request.dst(), SignalFrames.PORT), request.source(), payload);
    deliver(frame, request.srcMac(), null);
  }

  /**
   * Sends a frame out of the port of the host it is for, or when that host is unknown, out of every edge
   * port but the one it came in by.
   */
  private void deliver(byte[] frame, MacAddress to, SwitchPort cameIn) {
    Optional<Host> host = hosts.byMac(to);
    if (host.isPresent()) {
      out(host.get().attachment(), frame);
      return;
    }
    Topology now = topology.current();
    for (SwitchPort port : now.edgePorts()) {
      if (!port.equals(cameIn) && !now.isServicePort(port)) {
        out(port, frame);
      }
    }
  }

  private void out(SwitchPort port, byte[] frame) {
    switches.getSwitch(port.dpid()).ifPresent(sw -> sw.write(PacketOuts.send(sw.factory(), frame,
        List.of(sw.factory().actions().output(port.port(), 0xffff)))));
  }

  /** Forgets what waits: the controller is stopping. */
  void clear() {
    pending.clear().forEach(p -> p.timeout.cancel(false));
  }

  int waiting() {
    return pending.size();
  }
}
