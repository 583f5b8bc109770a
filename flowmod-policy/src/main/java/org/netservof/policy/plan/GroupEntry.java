package org.netservof.policy.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.projectfloodlight.openflow.protocol.OFBucket;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFGroupAdd;
import org.projectfloodlight.openflow.protocol.OFGroupDelete;
import org.projectfloodlight.openflow.protocol.OFGroupModify;
import org.projectfloodlight.openflow.protocol.OFGroupType;
import org.projectfloodlight.openflow.protocol.action.OFAction;
import org.projectfloodlight.openflow.types.DatapathId;
import org.projectfloodlight.openflow.types.OFGroup;
import org.projectfloodlight.openflow.types.OFPort;

/** A group a plan wants on a switch (OpenFlow 1.1+), as a value. Its identity is (switch, group id). */
public record GroupEntry(DatapathId dpid, OFGroup group, OFGroupType type, List<Bucket> buckets) {

  /** A bucket: its weight (SELECT groups) and actions. */
  public record Bucket(int weight, List<OFAction> actions) {
    public Bucket {
      actions = List.copyOf(actions);
      if (weight < 0 || weight > 0xffff) {
        throw new IllegalArgumentException("bucket weight must be in 0..65535, was " + weight);
      }
    }
  }

  public GroupEntry {
    Objects.requireNonNull(dpid, "dpid");
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(type, "type");
    buckets = List.copyOf(buckets);
  }

  public Key key() {
    return new Key(dpid, group);
  }

  /** The identity of a group on its switch. */
  public record Key(DatapathId dpid, OFGroup group) {}

  public OFGroupAdd toAdd(OFFactory f) {
    return f.buildGroupAdd().setGroup(group).setGroupType(type).setBuckets(buckets(f)).build();
  }

  public OFGroupModify toModify(OFFactory f) {
    return f.buildGroupModify().setGroup(group).setGroupType(type).setBuckets(buckets(f)).build();
  }

  public OFGroupDelete toDelete(OFFactory f) {
    return f.buildGroupDelete().setGroup(group).setGroupType(type).build();
  }

  /**
   * Buckets with watch port and watch group set to ANY explicitly: Loxi's 1.3 builder defaults the watch
   * group to ALL, which Open vSwitch reads as a dead bucket, and a SELECT group then drops everything.
   */
  private List<OFBucket> buckets(OFFactory f) {
    List<OFBucket> out = new ArrayList<>(buckets.size());
    for (Bucket b : buckets) {
      out.add(f.buildBucket().setWeight(type == OFGroupType.SELECT ? b.weight() : 0)
          .setWatchPort(OFPort.ANY).setWatchGroup(OFGroup.ANY).setActions(b.actions()).build());
    }
    return out;
  }
}
