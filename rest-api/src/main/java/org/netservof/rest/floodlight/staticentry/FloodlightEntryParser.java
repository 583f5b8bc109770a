package org.netservof.rest.floodlight.staticentry;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.netservof.controller.api.staticentry.StaticEntry;
import org.netservof.policy.layout.Cookie;
import org.netservof.policy.layout.CookieOwner;
import org.netservof.policy.steering.SteeringLayout;
import org.netservof.rest.floodlight.syntax.ActionStrings;
import org.netservof.rest.floodlight.syntax.Instructions;
import org.netservof.rest.floodlight.syntax.MatchFields;
import org.netservof.rest.floodlight.syntax.Values;
import org.projectfloodlight.openflow.protocol.OFBucket;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFFlowAdd;
import org.projectfloodlight.openflow.protocol.OFGroupType;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.protocol.action.OFAction;
import org.projectfloodlight.openflow.protocol.match.Match;
import org.projectfloodlight.openflow.protocol.match.MatchField;
import org.projectfloodlight.openflow.types.DatapathId;
import org.projectfloodlight.openflow.types.EthType;
import org.projectfloodlight.openflow.types.IpDscp;
import org.projectfloodlight.openflow.types.IpEcn;
import org.projectfloodlight.openflow.types.IpProtocol;
import org.projectfloodlight.openflow.types.OFBufferId;
import org.projectfloodlight.openflow.types.OFGroup;
import org.projectfloodlight.openflow.types.OFPort;
import org.projectfloodlight.openflow.types.TableId;
import org.projectfloodlight.openflow.types.U64;

/**
 * Floodlight's static entries (its field names, values and action syntax) to Loxi messages for one switch's
 * factory. Pure: no I/O, no state. Every refusal is an {@link IllegalArgumentException} whose message names
 * the field and says what was expected; Floodlight's silent discards become these errors.
 *
 * <p>Differences from Floodlight, on purpose: the user's {@code cookie} is written as given (absent: a
 * {@link CookieOwner#STATIC} cookie derived from the name); a cookie whose top byte names another NetServ-OF
 * owner is refused, because that owner's masked deletes would remove the entry; a match missing its
 * prerequisites (eth_type for IP fields, ip_proto for ports) is refused; groups in steering's id range are
 * refused, because steering deletes that range when a switch first connects. Priorities are the user's, as in
 * Floodlight, so a static entry can override the controller's own entries (see {@code PriorityBand}); that is
 * what operators use the static pusher for. Default priority 32768 (OpenFlow's default); no flow flags.
 */
public final class FloodlightEntryParser {
  public static final int DEFAULT_PRIORITY = 32_768;

  private static final Set<String> COMMON = Set.of("switch", "name", "entry_type", "active");
  private static final Set<String> FLOW_KEYS = Set.of("priority", "idle_timeout", "hard_timeout", "cookie", "table",
      "actions", "instruction_apply_actions", "instruction_write_actions", "instruction_clear_actions",
      "instruction_goto_table", "instruction_write_metadata", "instruction_goto_meter", "instruction_experimenter",
      "tp_src", "tp_dst", "ip_tos");
  private static final Set<String> GROUP_KEYS = Set.of("group_id", "group_type");
  private static final Set<String> BUCKET_KEYS = Set.of("bucket_id", "bucket_weight", "bucket_watch_port",
      "bucket_watch_group", "bucket_actions");
  private static final Map<String, OFGroupType> GROUP_TYPES = Map.of("all", OFGroupType.ALL, "select",
      OFGroupType.SELECT, "indirect", OFGroupType.INDIRECT, "fast_failover", OFGroupType.FF, "ff", OFGroupType.FF);

  private FloodlightEntryParser() {}

  /** The entry's name, as required. */
  public static String name(EntryRequest r) {
    String name = required(r, "name");
    if (name.length() > 256) {
      throw new IllegalArgumentException("name: at most 256 characters");
    }
    return name;
  }

  /** The entry's switch, as required. */
  public static DatapathId dpid(EntryRequest r) {
    return Values.dpid("switch", required(r, "switch"));
  }

  /** Parses the whole entry for a switch speaking {@code f}'s version. */
  public static StaticEntry parse(EntryRequest r, OFFactory f) {
    String name = name(r);
    DatapathId dpid = dpid(r);
    boolean active = r.get("active").map(t -> Values.bool("active", t)).orElse(true);
    String type = r.get("entry_type").orElse("flow").toLowerCase(Locale.ROOT);
    OFMessage add = switch (type) {
      case "flow" -> flow(r, f, name);
      case "group" -> group(r, f);
      default -> throw new IllegalArgumentException("entry_type: '" + type + "' is not flow or group");
    };
    return StaticEntry.of(name, dpid, active, add);
  }

  /**
   * Parses the entry for the version its switch speaks ({@code f}), which must succeed, and for every other
   * OpenFlow version in which it is valid too: OpenFlow cannot translate an entry between versions, and the
   * switch may come back speaking another one.
   */
  public static StaticEntry parseForSwitch(EntryRequest r, OFFactory f) {
    StaticEntry entry = parse(r, f);
    List<OFMessage> versions = new ArrayList<>(entry.versions());
    for (OFVersion v : OFVersion.values()) {
      if (v != f.getVersion()) {
        inVersion(r, v).ifPresent(versions::add);
      }
    }
    return new StaticEntry(entry.name(), entry.dpid(), entry.active(), versions);
  }

  /** The entry in another version; empty when it cannot be written in it (group on 1.0, set_field on 1.1). */
  private static Optional<OFMessage> inVersion(EntryRequest r, OFVersion v) {
    try {
      return Optional.of(parse(r, OFFactories.getFactory(v)).add());
    } catch (IllegalArgumentException | UnsupportedOperationException notInThisVersion) {
      return Optional.empty();
    }
  }

  // ---- flows ----

  private static OFFlowAdd flow(EntryRequest r, OFFactory f, String name) {
    if (!r.buckets().isEmpty()) {
      throw new IllegalArgumentException(EntryRequest.BUCKETS + " belongs to a group (entry_type: group)");
    }
    OFFlowAdd.Builder b = f.buildFlowAdd()
        .setMatch(match(r, f))
        .setPriority(r.get("priority").map(t -> Values.integer("priority", t, 0, 0xffff)).orElse(DEFAULT_PRIORITY))
        .setIdleTimeout(r.get("idle_timeout").map(t -> Values.integer("idle_timeout", t, 0, 0xffff)).orElse(0))
        .setHardTimeout(r.get("hard_timeout").map(t -> Values.integer("hard_timeout", t, 0, 0xffff)).orElse(0))
        .setCookie(cookie(r, name))
        .setBufferId(OFBufferId.NO_BUFFER);
    int table = r.get("table").map(t -> Values.integer("table", t, 0, 254)).orElse(0);
    if (r.get("actions").isPresent() && r.get("instruction_apply_actions").isPresent()) {
      throw new IllegalArgumentException("give either actions or instruction_apply_actions, not both");
    }
    if (f.getVersion() == OFVersion.OF_10) {
      if (table != 0) {
        throw new IllegalArgumentException("table: OpenFlow 1.0 has one table (the switch speaks OF_10)");
      }
      r.fields().keySet().stream().filter(k -> k.startsWith("instruction_")).findFirst().ifPresent(k -> {
        throw new IllegalArgumentException(k + ": instructions need OpenFlow 1.1 or later (the switch speaks OF_10);"
            + " use actions");
      });
      String actions = r.get("actions").orElse("");
      return b.setActions(ActionStrings.parse("actions", actions, f)).build();
    }
    return b.setTableId(TableId.of(table)).setInstructions(Instructions.parse(r.fields(), f, table)).build();
  }

  private static U64 cookie(EntryRequest r, String name) {
    Optional<String> given = r.get("cookie");
    if (given.isEmpty()) {
      // Derived from the name, so the entry keeps its cookie across pushes and controller restarts.
      return Cookie.ofName(CookieOwner.STATIC, name).value();
    }
    U64 value = U64.of(Values.unsigned64("cookie", given.get()));
    Cookie.ownerOf(value).filter(o -> o != CookieOwner.STATIC).ifPresent(o -> {
      throw new IllegalArgumentException("cookie: top byte 0x" + Integer.toHexString(o.code()) + " belongs to the "
          + "controller's " + o + " entries, whose clean-ups would delete this entry; choose another top byte");
    });
    return value;
  }

  // ---- matches ----

  private static Match match(EntryRequest r, OFFactory f) {
    Match.Builder m = f.buildMatch();
    // The fields the entry names, for the prerequisites check: on OpenFlow 1.0 Loxi aliases tcp/udp/sctp ports
    // to one wire field, so the built match cannot say which the user meant.
    Set<MatchField<?>> given = new java.util.HashSet<>();
    for (Map.Entry<String, String> e : r.fields().entrySet()) {
      String key = e.getKey();
      if (COMMON.contains(key) || FLOW_KEYS.contains(key)) {
        continue;
      }
      if (GROUP_KEYS.contains(key)) {
        throw new IllegalArgumentException(key + " belongs to a group (entry_type: group)");
      }
      MatchFields.Spec<?> spec = MatchFields.byKey(key).orElseThrow(() -> new IllegalArgumentException(
          "unknown field '" + key + "' (not a Floodlight match field or entry key)"));
      set(m, key, () -> spec.apply(m, e.getValue()), f);
      given.add(spec.field());
    }
    r.get("ip_tos").ifPresent(t -> {
      int tos = Values.integer("ip_tos", t, 0, 255);
      set(m, "ip_tos", () -> m.setExact(MatchField.IP_DSCP, IpDscp.of((byte) (tos >> 2))), f);
      given.add(MatchField.IP_DSCP);
      if ((tos & 3) != 0) {
        set(m, "ip_tos", () -> m.setExact(MatchField.IP_ECN, IpEcn.of((byte) (tos & 3))), f);
      }
    });
    transportPort(r, m, f, "tp_src").ifPresent(given::add);
    transportPort(r, m, f, "tp_dst").ifPresent(given::add);
    Match match = m.build();
    Prerequisites.check(match, given);
    return match;
  }

  /** OpenFlow 1.0's generic tp_src/tp_dst: TCP, UDP or SCTP by the entry's ip_proto. */
  private static Optional<MatchField<?>> transportPort(EntryRequest r, Match.Builder m, OFFactory f, String key) {
    return r.get(key).map(t -> {
      IpProtocol proto = m.get(MatchField.IP_PROTO);
      String real;
      if (IpProtocol.TCP.equals(proto)) {
        real = key.replace("tp_", "tcp_");
      } else if (IpProtocol.UDP.equals(proto)) {
        real = key.replace("tp_", "udp_");
      } else if (IpProtocol.SCTP.equals(proto)) {
        real = key.replace("tp_", "sctp_");
      } else {
        throw new IllegalArgumentException(key + " needs ip_proto 6 (TCP), 17 (UDP) or 132 (SCTP)");
      }
      MatchFields.Spec<?> spec = MatchFields.byKey(real).orElseThrow();
      set(m, key, () -> spec.apply(m, t), f);
      return spec.field();
    });
  }

  private static void set(Match.Builder m, String key, Runnable set, OFFactory f) {
    try {
      set.run();
    } catch (UnsupportedOperationException e) {
      throw new IllegalArgumentException(key + ": not a match field of " + f.getVersion()
          + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")"));
    }
  }

  // ---- groups ----

  private static OFMessage group(EntryRequest r, OFFactory f) {
    if (f.getVersion() == OFVersion.OF_10) {
      throw new IllegalArgumentException("entry_type group: groups need OpenFlow 1.1 or later (the switch speaks "
          + "OF_10)");
    }
    for (String key : r.fields().keySet()) {
      if (!COMMON.contains(key) && !GROUP_KEYS.contains(key)) {
        throw new IllegalArgumentException("unknown field '" + key + "' for a group (group_id, group_type, "
            + EntryRequest.BUCKETS + ")");
      }
    }
    OFGroup id = Values.group("group_id", required(r, "group_id"));
    if (id.equals(OFGroup.ANY) || id.equals(OFGroup.ALL)) {
      throw new IllegalArgumentException("group_id: 'any' and 'all' name no group; give a number");
    }
    if (SteeringLayout.isSteeringGroup(id)) {
      throw new IllegalArgumentException("group_id: " + id + " is in the range steering owns (0x"
          + Integer.toHexString(id.getGroupNumber() & 0xF000_0000) + "xxxxxxx); choose another id");
    }
    String typeName = required(r, "group_type").toLowerCase(Locale.ROOT);
    OFGroupType type = Optional.ofNullable(GROUP_TYPES.get(typeName)).orElseThrow(() ->
        new IllegalArgumentException("group_type: '" + typeName + "' is not one of all, select, indirect, "
            + "fast_failover"));
    List<OFBucket> buckets = buckets(r.buckets(), type, f);
    if (type == OFGroupType.INDIRECT && buckets.size() != 1) {
      throw new IllegalArgumentException(EntryRequest.BUCKETS + ": an indirect group has exactly one bucket, not "
          + buckets.size());
    }
    return f.buildGroupAdd().setGroup(id).setGroupType(type).setBuckets(buckets).build();
  }

  private static List<OFBucket> buckets(List<Map<String, String>> given, OFGroupType type, OFFactory f) {
    List<Map<String, String>> sorted = new ArrayList<>(given);
    // Floodlight orders buckets by bucket_id (the id itself is not sent before OpenFlow 1.5).
    sorted.sort(Comparator.comparingLong(b -> b.containsKey("bucket_id")
        ? Values.number("bucket_id", b.get("bucket_id"), 0, 0xffffffffL) : Long.MAX_VALUE));
    List<OFBucket> out = new ArrayList<>();
    for (Map<String, String> b : sorted) {
      for (String key : b.keySet()) {
        if (!BUCKET_KEYS.contains(key)) {
          throw new IllegalArgumentException(EntryRequest.BUCKETS + ": unknown bucket field '" + key + "' (" 
              + String.join(", ", new java.util.TreeSet<>(BUCKET_KEYS)) + ")");
        }
      }
      // Only SELECT groups weigh buckets; the others must say 0.
      int defaultWeight = type == OFGroupType.SELECT ? 1 : 0;
      int weight = Optional.ofNullable(b.get("bucket_weight"))
          .map(t -> Values.integer("bucket_weight", t, 0, 0xffff)).orElse(defaultWeight);
      // Watch port and group default to ANY explicitly: Loxi's default watch group would make OVS treat the
      // bucket as dead (DESIGN.md, known traps).
      OFPort watchPort = Optional.ofNullable(b.get("bucket_watch_port"))
          .map(t -> Values.port("bucket_watch_port", t)).orElse(OFPort.ANY);
      OFGroup watchGroup = Optional.ofNullable(b.get("bucket_watch_group"))
          .map(t -> Values.group("bucket_watch_group", t)).orElse(OFGroup.ANY);
      List<OFAction> actions = ActionStrings.parse("bucket_actions", b.getOrDefault("bucket_actions", ""), f);
      out.add(f.buildBucket().setWeight(weight).setWatchPort(watchPort).setWatchGroup(watchGroup)
          .setActions(actions).build());
    }
    return out;
  }

  private static String required(EntryRequest r, String key) {
    String value = r.get(key).orElse("");
    if (value.isEmpty()) {
      throw new IllegalArgumentException("missing field '" + key + "'");
    }
    return value;
  }

  /** Which match fields need which others; Loxi builds a match without them and the switch refuses it. */
  static final class Prerequisites {
    private Prerequisites() {}

    static void check(Match m, Set<MatchField<?>> given) {
      EthType eth = m.get(MatchField.ETH_TYPE);
      IpProtocol proto = m.get(MatchField.IP_PROTO);
      boolean ip = EthType.IPv4.equals(eth) || EthType.IPv6.equals(eth);
      need(given, eth, EthType.IPv4, "eth_type 0x0800", MatchField.IPV4_SRC, MatchField.IPV4_DST);
      need(given, eth, EthType.ARP, "eth_type 0x0806", MatchField.ARP_OP, MatchField.ARP_SPA, MatchField.ARP_TPA,
          MatchField.ARP_SHA, MatchField.ARP_THA);
      need(given, eth, EthType.IPv6, "eth_type 0x86dd", MatchField.IPV6_SRC, MatchField.IPV6_DST,
          MatchField.IPV6_FLABEL, MatchField.IPV6_EXTHDR, MatchField.ICMPV6_TYPE, MatchField.ICMPV6_CODE,
          MatchField.IPV6_ND_TARGET, MatchField.IPV6_ND_SLL, MatchField.IPV6_ND_TLL);
      for (MatchField<?> f : List.of(MatchField.IP_PROTO, MatchField.IP_DSCP, MatchField.IP_ECN)) {
        if (present(given, f) && !ip) {
          throw missing(f, "eth_type 0x0800 or 0x86dd");
        }
      }
      need(given, proto, IpProtocol.TCP, "ip_proto 6", MatchField.TCP_SRC, MatchField.TCP_DST, MatchField.TCP_FLAGS);
      need(given, proto, IpProtocol.UDP, "ip_proto 17", MatchField.UDP_SRC, MatchField.UDP_DST);
      need(given, proto, IpProtocol.SCTP, "ip_proto 132", MatchField.SCTP_SRC, MatchField.SCTP_DST);
      need(given, proto, IpProtocol.ICMP, "ip_proto 1", MatchField.ICMPV4_TYPE, MatchField.ICMPV4_CODE);
      need(given, proto, IpProtocol.IPv6_ICMP, "ip_proto 58", MatchField.ICMPV6_TYPE, MatchField.ICMPV6_CODE,
          MatchField.IPV6_ND_TARGET, MatchField.IPV6_ND_SLL, MatchField.IPV6_ND_TLL);
      boolean mpls = EthType.MPLS_UNICAST.equals(eth) || EthType.MPLS_MULTICAST.equals(eth);
      for (MatchField<?> f : List.of(MatchField.MPLS_LABEL, MatchField.MPLS_TC, MatchField.MPLS_BOS)) {
        if (present(given, f) && !mpls) {
          throw missing(f, "eth_type 0x8847 or 0x8848");
        }
      }
      if (present(given, MatchField.VLAN_PCP) && !present(given, MatchField.VLAN_VID)) {
        throw missing(MatchField.VLAN_PCP, "eth_vlan_vid");
      }
    }

    private static <T> void need(Set<MatchField<?>> given, T actual, T wanted, String what,
        MatchField<?>... fields) {
      for (MatchField<?> f : fields) {
        if (present(given, f) && !wanted.equals(actual)) {
          throw missing(f, what);
        }
      }
    }

    private static boolean present(Set<MatchField<?>> given, MatchField<?> f) {
      return given.contains(f);
    }

    private static IllegalArgumentException missing(MatchField<?> f, String what) {
      return new IllegalArgumentException(MatchFields.keyOf(f) + " needs " + what + " in the same entry (OpenFlow "
          + "match prerequisites)");
    }
  }
}
