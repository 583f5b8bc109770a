package org.netservof.policy.testing;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import org.netservof.policy.fabric.Hop;
import org.netservof.policy.fabric.Path;
import org.netservof.policy.fabric.SwitchPort;
import org.netservof.policy.layout.Cookie;
import org.netservof.policy.plan.FlowEntry;
import org.netservof.policy.plan.GroupEntry;
import org.netservof.policy.plan.Plan;
import org.netservof.policy.select.FlowHash;
import org.netservof.policy.steering.FabricView;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFFlowAdd;
import org.projectfloodlight.openflow.protocol.OFFlowDelete;
import org.projectfloodlight.openflow.protocol.OFFlowDeleteStrict;
import org.projectfloodlight.openflow.protocol.OFFlowStatsEntry;
import org.projectfloodlight.openflow.protocol.OFFlowStatsReply;
import org.projectfloodlight.openflow.protocol.OFGroupDescStatsEntry;
import org.projectfloodlight.openflow.protocol.OFGroupDescStatsReply;
import org.projectfloodlight.openflow.protocol.OFGroupAdd;
import org.projectfloodlight.openflow.protocol.OFGroupDelete;
import org.projectfloodlight.openflow.protocol.OFGroupMod;
import org.projectfloodlight.openflow.protocol.OFGroupModify;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.protocol.action.OFAction;
import org.projectfloodlight.openflow.protocol.action.OFActionGroup;
import org.projectfloodlight.openflow.protocol.action.OFActionOutput;
import org.projectfloodlight.openflow.protocol.action.OFActionPopVlan;
import org.projectfloodlight.openflow.protocol.action.OFActionPushVlan;
import org.projectfloodlight.openflow.protocol.action.OFActionSetField;
import org.projectfloodlight.openflow.protocol.action.OFActionSetVlanVid;
import org.projectfloodlight.openflow.protocol.action.OFActionStripVlan;
import org.projectfloodlight.openflow.protocol.instruction.OFInstructionApplyActions;
import org.projectfloodlight.openflow.protocol.instruction.OFInstructionMeter;
import org.projectfloodlight.openflow.protocol.match.Match;
import org.projectfloodlight.openflow.protocol.match.MatchField;
import org.projectfloodlight.openflow.protocol.oxm.OFOxmVlanVid;
import org.projectfloodlight.openflow.types.DatapathId;
import org.projectfloodlight.openflow.types.EthType;
import org.projectfloodlight.openflow.types.IPv4Address;
import org.projectfloodlight.openflow.types.IpProtocol;
import org.projectfloodlight.openflow.types.MacAddress;
import org.projectfloodlight.openflow.types.Masked;
import org.projectfloodlight.openflow.types.OFPort;
import org.projectfloodlight.openflow.types.OFVlanVidMatch;
import org.projectfloodlight.openflow.types.TransportPort;
import org.projectfloodlight.openflow.types.U64;

/**
 * A fabric of switches and cables whose flow tables hold plans, or the messages a controller wrote, that
 * answers "where does this packet go?" by walking the packet through the entries it matches, as a switch
 * would: highest priority first, actions applied in order, groups resolved by a flow hash, cables followed to
 * the next switch. Published in flowmod-policy's test JAR, for the planner's, steering's and forwarding's tests.
 */
public final class FakeFlowTable implements FabricView {
  /** An IPv4 packet with its Ethernet addresses; {@code vlan} is the outer tag, if any. */
  public record Packet(MacAddress ethSrc, MacAddress ethDst, IPv4Address src, IPv4Address dst, int protocol,
      int srcPort, int dstPort, OptionalInt vlan) {
    private static final MacAddress ANY_HOST = MacAddress.of("0a:00:00:00:00:fe");

    public static Packet udp(String src, String dst, int srcPort, int dstPort) {
      return new Packet(ANY_HOST, ANY_HOST, IPv4Address.of(src), IPv4Address.of(dst), 17, srcPort, dstPort,
          OptionalInt.empty());
    }

    public Packet withVlan(OptionalInt v) {
      return new Packet(ethSrc, ethDst, src, dst, protocol, srcPort, dstPort, v);
    }

    public Packet withMacs(MacAddress from, MacAddress to) {
      return new Packet(from, to, src, dst, protocol, srcPort, dstPort, vlan);
    }

    public long hash() {
      return FlowHash.of(src.getInt(), dst.getInt(), protocol, srcPort, dstPort);
    }
  }

  /** One switch the packet went through and the entry it hit there. */
  public record Step(DatapathId dpid, OFPort in, FlowEntry entry) {}

  /** Where the packet ended up. */
  public record Trace(List<Step> steps, Optional<SwitchPort> deliveredTo, Optional<Packet> delivered,
      boolean toController, boolean missed) {
    public int detailAt(int step) {
      return Cookie.decode(steps.get(step).entry().cookie()).detail();
    }
  }

  private final Map<DatapathId, OFFactory> factories = new HashMap<>();
  private final Map<SwitchPort, SwitchPort> cables = new HashMap<>();
  private final Set<SwitchPort> edge = new TreeSet<>();
  private final List<FlowEntry> flows = new ArrayList<>();
  private final Map<GroupEntry.Key, GroupEntry> groups = new HashMap<>();

  public FakeFlowTable addSwitch(long dpid, OFVersion version) {
    factories.put(DatapathId.of(dpid), OFFactories.getFactory(version));
    return this;
  }

  public FakeFlowTable cable(long a, int pa, long b, int pb) {
    cables.put(SwitchPort.of(a, pa), SwitchPort.of(b, pb));
    cables.put(SwitchPort.of(b, pb), SwitchPort.of(a, pa));
    return this;
  }

  public FakeFlowTable edge(long dpid, int port) {
    edge.add(SwitchPort.of(dpid, port));
    return this;
  }

  /** Replaces the flow tables' contents with a plan. */
  public void load(Plan plan) {
    flows.clear();
    groups.clear();
    flows.addAll(plan.flows());
    plan.groups().forEach(g -> groups.put(g.key(), g));
  }

  public void add(FlowEntry entry) {
    flows.removeIf(e -> e.key().equals(entry.key()));
    flows.add(entry);
  }

  /** The entries a switch holds now, as an audit would read them back. */
  public List<FlowEntry> entries(DatapathId dpid) {
    return flows.stream().filter(e -> e.dpid().equals(dpid)).toList();
  }

  /** The groups a switch holds now. */
  public List<GroupEntry> groups(DatapathId dpid) {
    return groups.values().stream().filter(g -> g.dpid().equals(dpid)).toList();
  }

  /** Deletes an entry by hand, as {@code ovs-ofctl del-flows --strict} would. */
  public void remove(FlowEntry.Key key) {
    flows.removeIf(e -> e.key().equals(key));
  }

  /**
   * Applies what a controller wrote to a switch, as the switch would: flow adds and deletes (strict, or by
   * cookie and mask), group adds, modifies and deletes; barriers and anything else are ignored.
   */
  public void write(DatapathId dpid, List<OFMessage> messages) {
    for (OFMessage m : messages) {
      if (m instanceof OFFlowAdd add) {
        add(new FlowEntry(dpid, add.getPriority(), add.getMatch(), actionsOf(add), add.getCookie(),
            add.getIdleTimeout(), add.getFlags(), meterOf(add)));
      } else if (m instanceof OFFlowDeleteStrict del) {
        flows.removeIf(e -> e.key().equals(new FlowEntry.Key(dpid, del.getPriority(), del.getMatch())));
      } else if (m instanceof OFFlowDelete del) {
        if (del.getMatch().getMatchFields().iterator().hasNext()) {
          throw new AssertionError("FakeFlowTable deletes non-strictly only by cookie, with no match: " + del);
        }
        long mask = del.getVersion() == OFVersion.OF_10 ? 0 : del.getCookieMask().getValue();
        long cookie = del.getCookie().getValue() & mask;
        flows.removeIf(e -> e.dpid().equals(dpid) && (e.cookie().getValue() & mask) == cookie);
      } else if (m instanceof OFGroupAdd || m instanceof OFGroupModify) {
        OFGroupMod g = (OFGroupMod) m;
        groups.put(new GroupEntry.Key(dpid, g.getGroup()), new GroupEntry(dpid, g.getGroup(), g.getGroupType(),
            g.getBuckets().stream().map(b -> new GroupEntry.Bucket(b.getWeight(), b.getActions())).toList()));
      } else if (m instanceof OFGroupDelete g) {
        groups.remove(new GroupEntry.Key(dpid, g.getGroup()));
      }
    }
  }

  private static OptionalInt meterOf(OFFlowAdd add) {
    if (add.getVersion() == OFVersion.OF_10) {
      return OptionalInt.empty();
    }
    return add.getInstructions().stream().filter(i -> i instanceof OFInstructionMeter)
        .mapToInt(i -> (int) ((OFInstructionMeter) i).getMeterId()).findFirst();
  }

  /**
   * A switch's entries as its flow statistics report them (table, priority, match, cookie, timeouts, flags,
   * instructions), entries whose cookie matches {@code cookie} under {@code mask} only.
   */
  public OFFlowStatsReply flowStats(DatapathId dpid, U64 cookie, U64 mask) {
    OFFactory f = factory(dpid);
    List<OFFlowStatsEntry> out = new ArrayList<>();
    for (FlowEntry e : entries(dpid)) {
      if ((e.cookie().getValue() & mask.getValue()) != (cookie.getValue() & mask.getValue())) {
        continue;
      }
      OFFlowAdd add = e.toAdd(f);
      out.add(f.buildFlowStatsEntry().setTableId(add.getTableId()).setPriority(e.priority()).setMatch(e.match())
          .setCookie(e.cookie()).setIdleTimeout(e.idleTimeout()).setFlags(add.getFlags())
          .setInstructions(add.getInstructions()).build());
    }
    return f.buildFlowStatsReply().setEntries(out).build();
  }

  /** A switch's groups as its group descriptions report them. */
  public OFGroupDescStatsReply groupStats(DatapathId dpid) {
    OFFactory f = factory(dpid);
    List<OFGroupDescStatsEntry> out = new ArrayList<>();
    for (GroupEntry g : groups(dpid)) {
      OFGroupAdd add = g.toAdd(f);
      out.add(f.buildGroupDescStatsEntry().setGroup(g.group()).setGroupType(g.type()).setBuckets(add.getBuckets())
          .build());
    }
    return f.buildGroupDescStatsReply().setEntries(out).build();
  }

  /** The actions of a flow add: its own on OpenFlow 1.0, its apply-actions instruction on 1.3. */
  private static List<OFAction> actionsOf(OFFlowAdd add) {
    if (add.getVersion() == OFVersion.OF_10) {
      return add.getActions();
    }
    return add.getInstructions().stream().filter(i -> i instanceof OFInstructionApplyActions)
        .flatMap(i -> ((OFInstructionApplyActions) i).getActions().stream()).toList();
  }

  // ---- FabricView ----

  @Override
  public Set<DatapathId> switches() {
    return new TreeSet<>(factories.keySet());
  }

  @Override
  public OFFactory factory(DatapathId dpid) {
    return factories.get(dpid);
  }

  @Override
  public Set<SwitchPort> edgePorts() {
    return edge;
  }

  @Override
  public Set<SwitchPort> linkPorts(DatapathId dpid) {
    Set<SwitchPort> out = new TreeSet<>();
    cables.keySet().stream().filter(p -> p.dpid().equals(dpid)).forEach(out::add);
    return out;
  }

  /** Fewest hops, breadth-first, lowest ports first: deterministic. */
  @Override
  public Optional<Path> path(SwitchPort from, SwitchPort to) {
    if (from.dpid().equals(to.dpid())) {
      return Optional.of(new Path(List.of(new Hop(from.dpid(), from.port(), to.port())), 0));
    }
    Map<DatapathId, SwitchPort> arrivedBy = new HashMap<>();
    Deque<DatapathId> todo = new ArrayDeque<>(List.of(from.dpid()));
    Set<DatapathId> seen = new HashSet<>(List.of(from.dpid()));
    while (!todo.isEmpty()) {
      DatapathId at = todo.poll();
      for (SwitchPort out : linkPorts(at)) {
        SwitchPort peer = cables.get(out);
        if (seen.add(peer.dpid())) {
          arrivedBy.put(peer.dpid(), out);
          todo.add(peer.dpid());
        }
      }
    }
    if (!seen.contains(to.dpid())) {
      return Optional.empty();
    }
    List<Hop> hops = new ArrayList<>();
    OFPort outPort = to.port();
    DatapathId at = to.dpid();
    while (!at.equals(from.dpid())) {
      SwitchPort leftBy = arrivedBy.get(at);
      hops.add(0, new Hop(at, cables.get(leftBy).port(), outPort));
      outPort = leftBy.port();
      at = leftBy.dpid();
    }
    hops.add(0, new Hop(from.dpid(), from.port(), outPort));
    return Optional.of(new Path(hops, hops.size() - 1));
  }

  // ---- the walk ----

  public Trace send(Packet packet, SwitchPort ingress) {
    List<Step> steps = new ArrayList<>();
    Packet p = packet;
    SwitchPort at = ingress;
    for (int guard = 0; guard < 32; guard++) {
      Optional<FlowEntry> hit = lookup(at, p);
      if (hit.isEmpty()) {
        return new Trace(steps, Optional.empty(), Optional.empty(), false, true);
      }
      steps.add(new Step(at.dpid(), at.port(), hit.get()));
      Outcome o = apply(at.dpid(), p, hit.get().actions());
      if (o.toController) {
        return new Trace(steps, Optional.empty(), Optional.empty(), true, false);
      }
      if (o.out == null) {
        return new Trace(steps, Optional.empty(), Optional.empty(), false, false); // dropped
      }
      SwitchPort leaving = new SwitchPort(at.dpid(), o.out);
      SwitchPort next = cables.get(leaving);
      if (next == null) {
        return new Trace(steps, Optional.of(leaving), Optional.of(o.packet), false, false);
      }
      at = next;
      p = o.packet;
    }
    throw new AssertionError("packet loops: " + steps);
  }

  private record Outcome(Packet packet, OFPort out, boolean toController) {}

  private Outcome apply(DatapathId dpid, Packet p, List<OFAction> actions) {
    Packet q = p;
    for (OFAction a : actions) {
      if (a instanceof OFActionOutput o) {
        return o.getPort().equals(OFPort.CONTROLLER) ? new Outcome(q, null, true) : new Outcome(q, o.getPort(), false);
      } else if (a instanceof OFActionPushVlan) {
        q = q.withVlan(OptionalInt.of(0));
      } else if (a instanceof OFActionSetField sf && sf.getField() instanceof OFOxmVlanVid v) {
        q = q.withVlan(OptionalInt.of(v.getValue().getVlan()));
      } else if (a instanceof OFActionSetVlanVid v) {
        q = q.withVlan(OptionalInt.of(v.getVlanVid().getVlan()));
      } else if (a instanceof OFActionPopVlan || a instanceof OFActionStripVlan) {
        q = q.withVlan(OptionalInt.empty());
      } else if (a instanceof OFActionGroup g) {
        GroupEntry group = groups.get(new GroupEntry.Key(dpid, g.getGroup()));
        if (group == null) {
          throw new AssertionError("entry on " + dpid + " points at missing group " + g.getGroup());
        }
        List<GroupEntry.Bucket> buckets = group.buckets();
        GroupEntry.Bucket chosen = buckets.get((int) Math.floorMod(q.hash(), (long) buckets.size()));
        return apply(dpid, q, chosen.actions());
      } else {
        throw new AssertionError("FakeFlowTable does not know action " + a);
      }
    }
    return new Outcome(q, null, false);
  }

  private Optional<FlowEntry> lookup(SwitchPort at, Packet p) {
    List<FlowEntry> candidates = flows.stream().filter(e -> e.dpid().equals(at.dpid()))
        .filter(e -> matches(e.match(), at.port(), p))
        .sorted(Comparator.comparingInt(FlowEntry::priority).reversed()).toList();
    if (candidates.size() > 1 && candidates.get(0).priority() == candidates.get(1).priority()) {
      throw new AssertionError("two entries of one priority match on " + at + ": " + candidates.subList(0, 2));
    }
    return candidates.stream().findFirst();
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  static boolean matches(Match match, OFPort in, Packet p) {
    for (MatchField<?> f : match.getMatchFields()) {
      boolean ok = switch (f.id) {
        case IN_PORT -> match.get(MatchField.IN_PORT).equals(in);
        case ETH_SRC -> match.get(MatchField.ETH_SRC).equals(p.ethSrc());
        case ETH_DST -> match.get(MatchField.ETH_DST).equals(p.ethDst());
        case VLAN_VID -> vlanMatches(match, p);
        case ETH_TYPE -> match.get(MatchField.ETH_TYPE).equals(EthType.IPv4);
        case IP_PROTO -> match.get(MatchField.IP_PROTO).equals(IpProtocol.of((short) p.protocol()));
        case IPV4_SRC -> ipMatches(match, MatchField.IPV4_SRC, p.src());
        case IPV4_DST -> ipMatches(match, MatchField.IPV4_DST, p.dst());
        case UDP_SRC, TCP_SRC -> portMatches(match, (MatchField) f, p.srcPort());
        case UDP_DST, TCP_DST -> portMatches(match, (MatchField) f, p.dstPort());
        default -> throw new AssertionError("FakeFlowTable does not know match field " + f.getName());
      };
      if (!ok) {
        return false;
      }
    }
    // Prerequisites: ports need their protocol, IP fields need ETH_TYPE. The real switch refuses otherwise.
    if ((match.isFullyWildcarded(MatchField.UDP_DST) == false || match.isFullyWildcarded(MatchField.UDP_SRC) == false)
        && !IpProtocol.UDP.equals(match.get(MatchField.IP_PROTO))) {
      throw new AssertionError("UDP port matched without IP_PROTO udp: " + match);
    }
    if (match.isFullyWildcarded(MatchField.IP_PROTO) == false && match.isFullyWildcarded(MatchField.ETH_TYPE)) {
      throw new AssertionError("IP_PROTO matched without ETH_TYPE: " + match);
    }
    return true;
  }

  /** An exact tag, no tag, or (OpenFlow 1.3, masked) any tag, OFPVID_PRESENT under the mask. */
  private static boolean vlanMatches(Match match, Packet p) {
    int tci = p.vlan().isPresent() ? OFVlanVidMatch.PRESENT.getRawVid() | p.vlan().getAsInt() : 0;
    if (match.isPartiallyMasked(MatchField.VLAN_VID)) {
      Masked<OFVlanVidMatch> m = match.getMasked(MatchField.VLAN_VID);
      int mask = m.getMask().getRawVid();
      return (tci & mask) == (m.getValue().getRawVid() & mask);
    }
    OFVlanVidMatch v = match.get(MatchField.VLAN_VID);
    return v.equals(OFVlanVidMatch.UNTAGGED) ? p.vlan().isEmpty()
        : p.vlan().isPresent() && v.getVlan() == p.vlan().getAsInt();
  }

  private static boolean ipMatches(Match match, MatchField<IPv4Address> f, IPv4Address value) {
    if (match.isExact(f)) {
      return match.get(f).equals(value);
    }
    Masked<IPv4Address> m = match.getMasked(f);
    return value.and(m.getMask()).equals(m.getValue().and(m.getMask()));
  }

  private static boolean portMatches(Match match, MatchField<TransportPort> f, int port) {
    if (match.isExact(f)) {
      return match.get(f).getPort() == port;
    }
    Masked<TransportPort> m = match.getMasked(f);
    int mask = m.getMask().getPort();
    return (port & mask) == (m.getValue().getPort() & mask);
  }
}
