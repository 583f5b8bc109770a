package org.netservof.bridge.nodes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.netservof.bridge.api.NodeSpec;
import org.netservof.bridge.api.SteeringException;
import org.netservof.policy.fabric.SwitchPort;
import org.netservof.protocol.node.ChannelMessage;
import org.projectfloodlight.openflow.types.DatapathId;
import org.projectfloodlight.openflow.types.IPv4Address;
import org.projectfloodlight.openflow.types.MacAddress;
import org.projectfloodlight.openflow.types.OFPort;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node agents the configuration declares ({@code node-agents}): which ids may register, each with its own
 * token, and the pool, weight and switch port each has, whatever the node itself says. Immutable; replaced
 * whole when the configuration is read again.
 */
final class NodeRoster {
  private static final Logger log = LoggerFactory.getLogger(NodeRoster.class);

  /**
   * One declared node; {@link #toString} leaves the token out, so it never reaches a log.
   *
   * @param serviceAddress the address the node's port may teach with the node's own MAC (see {@link NodeHosts})
   */
  record Entry(String token, String pool, SwitchPort attachment, int weight, Optional<IPv4Address> serviceAddress) {
    /** A node without a service address. */
    Entry(String token, String pool, SwitchPort attachment, int weight) {
      this(token, pool, attachment, weight, Optional.empty());
    }

    @Override
    public String toString() {
      return "pool " + pool + " at " + attachment + " weight " + weight;
    }
  }

  /** A registration the configuration confirms: the node as the configuration has it, and its token. */
  record Admission(NodeSpec spec, String token, Optional<String> overruled) {}

  private final Map<String, Entry> entries;

  NodeRoster(Map<String, Entry> entries) {
    this.entries = Map.copyOf(entries);
  }

  boolean isEmpty() {
    return entries.isEmpty();
  }

  Optional<Entry> entry(String id) {
    return Optional.ofNullable(entries.get(id));
  }

  /**
   * Reads {@code node-agents}: every entry's token file, checked.
   *
   * @throws SteeringException naming the entry and what is wrong with it
   */
  static NodeRoster read(List<NodeAgentConfig> configs) throws SteeringException {
    Map<String, Entry> entries = new HashMap<>();
    Map<String, String> idOfToken = new HashMap<>();
    for (NodeAgentConfig c : configs) {
      String at = "node-agents." + c.id();
      Entry e;
      try {
        SwitchPort port = new SwitchPort(parse("dpid", c.dpid(), DatapathId::of, "8 colon-separated bytes"),
            physicalPort(c.port()));
        e = new Entry(readToken(at, Path.of(c.tokenFile())), c.pool(), port, c.weight(),
            c.serviceAddressGiven().map(NodeRoster::serviceAddress));
        new NodeSpec(c.id(), c.pool(), port, MacAddress.NONE, c.weight()); // checks id, pool and weight
      } catch (IllegalArgumentException ex) {
        throw new SteeringException(at + ": " + ex.getMessage());
      }
      if (entries.put(c.id(), e) != null) {
        throw new SteeringException(at + ": the id is declared twice");
      }
      String other = idOfToken.put(e.token(), c.id());
      if (other != null) {
        throw new SteeringException(at + ": the same token as node " + other + "; give every node a token of its "
            + "own, or either could register as the other");
      }
    }
    return new NodeRoster(entries);
  }

  /**
   * Checks a registration against the node's entry.
   *
   * @throws IllegalArgumentException with the refusal, in words, when the id is not declared or the node says it
   *     is plugged in elsewhere
   */
  Admission admit(NodeSpec declared) {
    Entry e = entries.get(declared.id());
    if (e == null) {
      throw new IllegalArgumentException("node id " + declared.id() + " is not in this controller's node-agents");
    }
    if (!e.attachment().equals(declared.attachment())) {
      throw new IllegalArgumentException("node " + declared.id() + " says it is plugged into "
          + declared.attachment() + "; the configuration puts it at " + e.attachment());
    }
    NodeSpec confirmed = new NodeSpec(declared.id(), e.pool(), e.attachment(), declared.mac(), e.weight());
    Optional<String> overruled = confirmed.equals(declared) ? Optional.empty() : Optional.of("node "
        + declared.id() + " says pool " + declared.pool() + " weight " + declared.weight()
        + "; the configuration's pool " + e.pool() + " weight " + e.weight() + " is used");
    return new Admission(confirmed, e.token(), overruled);
  }

  /**
   * The node a registration describes, as the node describes it.
   *
   * @throws IllegalArgumentException naming what is wrong with it
   */
  static NodeSpec declared(ChannelMessage.Register r) {
    if (r.id() == null || r.pool() == null || r.mac() == null || r.dpid() == null || r.interfaceName() == null
        || r.blocks() == null) {
      throw new IllegalArgumentException("id, pool, mac, dpid, interfaceName and blocks are all needed");
    }
    return new NodeSpec(r.id(), r.pool(), new SwitchPort(parse("dpid", r.dpid(), DatapathId::of,
        "8 colon-separated bytes"), physicalPort(r.port())), parse("mac", r.mac(), MacAddress::of, "a MAC address"),
        r.weight());
  }

  private static IPv4Address serviceAddress(String text) {
    IPv4Address a = parse("service-address", text, IPv4Address::of, "an IPv4 address");
    if (a.isUnspecified() || a.isBroadcast() || a.isMulticast() || a.isLoopback()) {
      throw new IllegalArgumentException("service-address '" + text + "' is not a unicast host address");
    }
    return a;
  }

  private static OFPort physicalPort(long port) {
    if (port < 1 || port > 0xffffff00L) {
      throw new IllegalArgumentException("port " + port + " is not a physical switch port");
    }
    return OFPort.of((int) port);
  }

  private static <T> T parse(String field, String text, Function<String, T> parser, String what) {
    try {
      return parser.apply(text);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(field + " '" + text + "' is not " + what);
    }
  }

  private static String readToken(String at, Path file) {
    String token;
    try {
      token = Files.readString(file).trim();
    } catch (IOException e) {
      throw new IllegalArgumentException("token-file " + file + " cannot be read: " + e.getMessage());
    }
    if (token.length() < 16) {
      throw new IllegalArgumentException("token-file " + file + " holds a token of " + token.length()
          + " characters; use 16 or more (for example: openssl rand -hex 16 > " + file + ")");
    }
    try {
      Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
      if (perms.contains(PosixFilePermission.OTHERS_READ) || perms.contains(PosixFilePermission.GROUP_READ)) {
        log.warn("{}: token-file {} is readable by other users; chmod 600 it", at, file);
      }
    } catch (IOException | UnsupportedOperationException e) {
      // not a POSIX file system: nothing to check
    }
    return token;
  }
}
