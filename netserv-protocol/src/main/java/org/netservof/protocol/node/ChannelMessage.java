package org.netservof.protocol.node;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;
import java.util.Map;

/**
 * A message between a node agent and the controller.
 *
 * <p>The conversation: the node sends {@link Register} with a nonce of its own; the controller answers
 * {@link Challenge} with its nonce and its proof that it knows the node's own token; the node checks that,
 * answers {@link Proof}, and sends a hello frame with the controller's nonce out of its interface. The
 * controller, with a good proof and the hello seen arriving from the claimed switch port with the claimed
 * MAC, answers {@link Registered} (or {@link Refused}, and closes). From {@link Registered} on, every line
 * is sealed ({@link ChannelSecurity.Session}). The node sends a {@link Heartbeat} every interval and
 * {@link ContainerState} when a container starts or stops; the controller sends {@link Install},
 * {@link Remove}, {@link Update} and {@link Ping}, each answered by a {@link Result}. The node forwards what its
 * modules publish as {@link ModuleReport}, within {@link ReportLimits}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = ChannelMessage.Register.class, name = "register"),
    @JsonSubTypes.Type(value = ChannelMessage.Challenge.class, name = "challenge"),
    @JsonSubTypes.Type(value = ChannelMessage.Proof.class, name = "proof"),
    @JsonSubTypes.Type(value = ChannelMessage.Registered.class, name = "registered"),
    @JsonSubTypes.Type(value = ChannelMessage.Refused.class, name = "refused"),
    @JsonSubTypes.Type(value = ChannelMessage.Heartbeat.class, name = "heartbeat"),
    @JsonSubTypes.Type(value = ChannelMessage.Leaving.class, name = "leaving"),
    @JsonSubTypes.Type(value = ChannelMessage.ContainerState.class, name = "container"),
    @JsonSubTypes.Type(value = ChannelMessage.Install.class, name = "install"),
    @JsonSubTypes.Type(value = ChannelMessage.Remove.class, name = "remove"),
    @JsonSubTypes.Type(value = ChannelMessage.Ping.class, name = "ping"),
    @JsonSubTypes.Type(value = ChannelMessage.Result.class, name = "result"),
    @JsonSubTypes.Type(value = ChannelMessage.Update.class, name = "update"),
    @JsonSubTypes.Type(value = ChannelMessage.ModuleReport.class, name = "module-report"),
    @JsonSubTypes.Type(value = ChannelMessage.Grants.class, name = "grants")})
public sealed interface ChannelMessage {

  /**
   * A node introducing itself. Its id picks the token it must prove; its pool, weight and attachment are
   * what it believes, and the controller's configuration decides (an attachment that differs is refused).
   *
   * @param dpid the switch it says it hangs off, as 00:00:...:01
   * @param port the switch port it says it hangs off
   * @param blocks the building blocks it offers (what install requests may depend on)
   * @param nonce the node's half of the challenge
   * @param serviceAddress the IPv4 address server modules listen on ({@code --service-address}, without its
   *     length); null when the node has none
   */
  record Register(String id, String mac, String interfaceName, int weight, String pool, List<String> blocks,
      String dpid, int port, String nonce, String serviceAddress) implements ChannelMessage {}

  /**
   * The controller's half: its nonce, and its proof that it knows the token; the node proves its own knowledge
   * with {@link Proof} and its attachment with a hello frame carrying the nonce.
   */
  record Challenge(String nonce, String proof) implements ChannelMessage {}

  /** The node's proof that it knows the token. */
  record Proof(String proof) implements ChannelMessage {}

  record Registered(long heartbeatMillis) implements ChannelMessage {}

  record Refused(String reason) implements ChannelMessage {}

  record Heartbeat(List<ContainerStats> containers) implements ChannelMessage {}

  /** The node is shutting down on purpose: move its flows now (its containers stop next). */
  record Leaving(String reason) implements ChannelMessage {}

  /**
   * A container became ready (running, its modules loaded) or stopped being ready (it crashed, or its last
   * module went), and why. Sent again for every ready container after the node registers, so a controller
   * that reconnects learns what runs.
   *
   * @param vlan the mark the container reads and writes
   */
  record ContainerState(String user, int vlan, boolean ready, List<String> modules, String reason)
      implements ChannelMessage {}

  /**
   * Install a module in a user's container (starting the container if needed).
   *
   * @param vlan the mark the container's frames carry on the node's link
   * @param module the module's name and version, {@code NAME_VERSION}
   * @param sha256 the digest the JAR's bytes must have, hex
   * @param listenPorts the user's {@code listen-ports} grant in force when the install was sent, for the record:
   *     the agent opens ports only by the latest {@link Grants}
   */
  record Install(long requestId, String user, int vlan, String module, String url, String sha256,
      Map<String, String> properties, List<String> listenPorts) implements ChannelMessage {
    /** The grant this install carries; none when absent. */
    public ListenGrant listenGrant() {
      return ListenGrant.parse(listenPorts);
    }
  }

  /**
   * Give a running module new properties without restarting it (its publisher's SETUP of the same module with
   * other properties); refused when the user's container does not run it.
   */
  record Update(long requestId, String user, String module, Map<String, String> properties)
      implements ChannelMessage {}

  /** A report a module published for its publisher (latest wins at the controller). */
  record ModuleReport(String user, String module, Map<String, Object> report) implements ChannelMessage {}

  record Remove(long requestId, String user, String module) implements ChannelMessage {}

  /**
   * The users' {@code listen-ports} grants in force, all of them ({@link ListenGrant#entries} by user): sent after
   * the registration when any user has one, and again whenever the controller's users change. The agent opens
   * a listening socket only by the latest it was sent; a user missing from it (or a new session before one
   * comes) has none, so a revocation takes effect at the next request.
   */
  record Grants(Map<String, List<String>> listenPorts) implements ChannelMessage {
    public Grants {
      listenPorts = Map.copyOf(listenPorts == null ? Map.of() : listenPorts);
    }
  }

  /**
   * Are you there? Sent to a registered node when another registration claims its id: a node that answers
   * keeps its id, and the newcomer is refused.
   */
  record Ping(long requestId) implements ChannelMessage {}

  record Result(long requestId, boolean ok, String error) implements ChannelMessage {}

  /**
   * A container's counters.
   *
   * @param memoryKb the container JVM's resident memory
   * @param linkDownDrops frames the container could not send because the node's link was down
   */
  record ContainerStats(String user, int vlan, boolean running, int restarts, long memoryKb, long packetsIn,
      long packetsOut, long linkDownDrops, List<ModuleStats> modules) {}

  /**
   * A module's counters.
   *
   * @param nanos time spent in the module's {@code process}
   * @param overruns calls that took longer than the time budget
   * @param loaded false once the container unloaded it (too many errors or overruns)
   */
  record ModuleStats(String name, long in, long out, long dropped, long emitted, long errors, long overruns,
      long nanos, boolean loaded, String status, Map<String, Object> report) {}
}
