package org.netservof.rest.netserv;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseBroadcaster;
import jakarta.ws.rs.sse.SseEventSink;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.netservof.bridge.api.MeterViolation;
import org.netservof.bridge.api.ModuleReport;
import org.netservof.bridge.api.ModuleReportListener;
import org.netservof.bridge.api.NodeView;
import org.netservof.bridge.api.ReconcileEvent;
import org.netservof.bridge.api.ServiceInfo;
import org.netservof.bridge.api.SteeringListener;
import org.netservof.controller.api.OFSwitch;
import org.netservof.controller.api.PortChange;
import org.netservof.controller.api.SwitchListener;
import org.netservof.controller.api.SwitchRefusal;
import org.netservof.controller.api.fabric.AddressConflict;
import org.netservof.controller.api.fabric.HostEvent;
import org.netservof.controller.api.fabric.HostListener;
import org.netservof.controller.api.fabric.LinkEvent;
import org.netservof.controller.api.fabric.LinkRefusal;
import org.netservof.policy.fabric.SwitchPort;
import org.netservof.controller.api.fabric.LinkListener;
import org.netservof.rest.server.JsonMapper;
import org.netservof.rest.server.RestServices;
import org.projectfloodlight.openflow.protocol.OFPortDesc;
import org.projectfloodlight.openflow.types.DatapathId;

/**
 * {@code GET /netserv/v1/events}: a server-sent-events stream of changes as they happen. Event names:
 * {@code switch.added}, {@code switch.removed}, {@code port.changed}, {@code link.added}, {@code link.removed},
 * {@code node.changed}, {@code service.registered}, {@code service.removed}, {@code service.expired} (a lease ran
 * out), {@code reconcile} (steering's audit repaired a switch: what, where, why), {@code cluster.joined},
 * {@code cluster.left} (the member list changed), {@code cluster.role} (this member's role for a switch),
 * {@code violation} (a user's meter dropped packets: its traffic over its cap), {@code module.report} (a module
 * published a report: user, module, node, the services running it, the report). Each event's data is one JSON
 * object with {@code at} and what changed. Nothing is replayed: a client
 * reads the current state from the other resources, then follows the stream.
 */
@Path("/netserv/v1/events")
public final class EventsResource implements SwitchListener, LinkListener, HostListener, SteeringListener,
    ModuleReportListener, AutoCloseable {
  private static final String EXPIRED = "ttl expired";
  private final RestServices services;
  private final ObjectMapper json = JsonMapper.create();
  private final Object lock = new Object();
  private Sse sse;
  private SseBroadcaster broadcaster;
  private final ClusterEvents cluster;

  public EventsResource(RestServices services) {
    this.services = services;
    services.switches().addListener(this);
    services.links().addListener(this);
    services.hosts().addListener(this);
    services.netserv().ifPresent(n -> n.steering().addListener(this));
    services.netserv().ifPresent(n -> n.channel().addListener(this));
    cluster = new ClusterEvents(services.cluster(), this::publish);
  }

  @GET
  @Produces(MediaType.SERVER_SENT_EVENTS)
  @Doc("Server-sent events: switch, port, link, node and service changes, lease expiry, cluster members and "
      + "roles, users over their caps (violation), module reports (module.report)")
  @Returns(value = String.class, description = "text/event-stream; each event's data is a JSON object")
  public void subscribe(@Context SseEventSink sink, @Context Sse sse) {
    synchronized (lock) {
      if (broadcaster == null) {
        this.sse = sse;
        broadcaster = sse.newBroadcaster();
      }
      broadcaster.register(sink);
    }
    // A first event at once, so a client knows the stream is live before anything changes.
    sink.send(sse.newEventBuilder().name("hello").mediaType(MediaType.APPLICATION_JSON_TYPE)
        .data(String.class, "{\"at\":\"" + services.clock().instant() + "\"}").build());
  }

  @Override
  public void switchAdded(OFSwitch sw) {
    publish("switch.added", Map.of("dpid", sw.id().toString(), "version", sw.factory().getVersion().toString()));
  }

  @Override
  public void switchRemoved(DatapathId id) {
    publish("switch.removed", Map.of("dpid", id.toString()));
  }

  @Override
  public void switchRefused(SwitchRefusal refusal) {
    publish("switch.refused", Map.of("dpid", refusal.dpid().map(Object::toString).orElse(""), "remote",
        refusal.remote(), "reason", refusal.reason()));
  }

  @Override
  public void portChanged(OFSwitch sw, OFPortDesc port, PortChange change) {
    publish("port.changed", Map.of("dpid", sw.id().toString(), "port", port.getPortNo().getPortNumber(),
        "change", change.name().toLowerCase(java.util.Locale.ROOT)));
  }

  @Override
  public void linksChanged(List<LinkEvent> events) {
    for (LinkEvent e : events) {
      publish(e.type() == LinkEvent.Type.ADDED ? "link.added" : "link.removed", Map.of(
          "src", at(e.link().src()), "dst", at(e.link().dst()), "reason", e.reason()));
    }
  }

  /** A probe that would have made a link through a host-facing port: someone relays probes (TopoGuard). */
  @Override
  public void linkRefused(LinkRefusal refusal) {
    publish("link.refused", Map.of("src", at(refusal.link().src()), "dst", at(refusal.link().dst()),
        "hostPort", at(refusal.hostPort()), "reason", refusal.reason()));
  }

  /** Hosts come and go all the time and are not streamed; a second claim on an address is worth a look. */
  @Override
  public void hostChanged(HostEvent event) {}

  @Override
  public void addressConflict(AddressConflict conflict) {
    publish("host.conflict", Map.of("address", conflict.address().toString(),
        "holder", conflict.holder().mac() + " at " + at(conflict.holder().attachment()),
        "claimant", conflict.claimant().mac() + " at " + at(conflict.claimant().attachment())));
  }

  private static String at(SwitchPort port) {
    return port.dpid() + "/" + port.port().getPortNumber();
  }

  @Override
  public void serviceRegistered(ServiceInfo service) {
    publish("service.registered", Map.of("id", service.id(), "name", service.request().name(),
        "pool", service.request().pool()));
  }

  @Override
  public void serviceRemoved(ServiceInfo service, String reason) {
    publish(EXPIRED.equals(reason) ? "service.expired" : "service.removed", Map.of("id", service.id(), "name",
        service.request().name(), "reason", reason));
  }

  @Override
  public void nodeChanged(NodeView node) {
    publish("node.changed", Map.of("id", node.spec().id(), "healthy", node.healthy(), "draining", node.draining(),
        "status", node.status()));
  }

  /** Steering's audit found a switch unlike intent and repaired it. */
  @Override
  public void reconciled(ReconcileEvent event) {
    publish("reconcile", Map.of("dpid", event.dpid(), "reason", event.reason(), "added", event.added(),
        "modified", event.modified(), "deleted", event.deleted(), "repairs", event.repairs()));
  }

  /** A user's meter dropped packets since the last read of the switch's meter statistics: its traffic over its cap. */
  @Override
  public void violation(MeterViolation v) {
    publish("violation", Map.of("user", v.user(), "dpid", v.dpid(), "meter", v.meterId(), "droppedPackets",
        v.droppedPackets(), "droppedBytes", v.droppedBytes()));
  }

  /** A module published a report for its publisher (at most one a second per module and node). */
  @Override
  public void moduleReported(ModuleReport r) {
    List<Integer> serving = services.netserv().map(n -> n.deployments().deployments().stream()
        .filter(d -> d.module().map(m -> m.user().equals(r.user()) && m.module().equals(r.module())).orElse(false))
        .flatMap(d -> d.serviceId().stream()).sorted().toList()).orElse(List.of());
    publish("module.report", Map.of("user", r.user(), "module", r.module(), "node", r.nodeId(), "services", serving,
        "report", r.report()));
  }

  private void publish(String name, Map<String, Object> what) {
    Sse events;
    SseBroadcaster to;
    synchronized (lock) {
      events = sse;
      to = broadcaster;
    }
    if (to == null) {
      return; // nobody has subscribed yet
    }
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("at", Instant.now(services.clock()).toString());
    data.putAll(what);
    try {
      to.broadcast(events.newEventBuilder().name(name).mediaType(MediaType.APPLICATION_JSON_TYPE)
          .data(String.class, json.writeValueAsString(data)).build());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    services.switches().removeListener(this);
    services.links().removeListener(this);
    services.hosts().removeListener(this);
    services.netserv().ifPresent(n -> n.steering().removeListener(this));
    services.netserv().ifPresent(n -> n.channel().removeListener(this));
    cluster.close();
    synchronized (lock) {
      if (broadcaster != null) {
        broadcaster.close();
      }
    }
  }
}
