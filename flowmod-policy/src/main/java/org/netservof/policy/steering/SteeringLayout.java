package org.netservof.policy.steering;

import org.netservof.policy.layout.Cookie;
import org.netservof.policy.layout.CookieOwner;
import org.netservof.policy.layout.PriorityBand;

/**
 * Where steering entries sit in the steering band, and what their cookies say. Tunnel entries (which match
 * only marked frames on link ports) are on top; per-flow entries of reactive services above every
 * classifier; classifiers by specificity, so a narrower service inside a wider one sees its own traffic.
 */
public final class SteeringLayout {
  /** Edge guards ({@link EdgeGuards}) sit in a band of their own, above everything that carries frames. */
  public static final int GUARD_PRIORITY = PriorityBand.EDGE_GUARD.priority(100);
  public static final int TUNNEL_PRIORITY = PriorityBand.STEERING.priority(9_900);
  public static final int FLOW_PRIORITY = PriorityBand.STEERING.priority(9_000);
  /** Classifier priority = base + 10 * filter specificity (at most 89), well under the per-flow entries. */
  public static final int CLASSIFIER_BASE = PriorityBand.STEERING.priority(100);

  /** Cookie detail codes. */
  public static final int TUNNEL = 1;
  public static final int CLASSIFIER = 2;
  public static final int TRAP = 3;
  public static final int FLOW = 4;
  public static final int GUARD = 5;

  /** Steering's groups live in their own id range, so other owners' groups are never touched. */
  public static final int GROUP_BASE = 0x1000_0000;

  private SteeringLayout() {}

  /** The group a service's SELECT classifiers point at, the same id on every switch. */
  public static org.projectfloodlight.openflow.types.OFGroup groupOf(SteeredService s) {
    return org.projectfloodlight.openflow.types.OFGroup.of(GROUP_BASE | s.id());
  }

  /** Whether a group id is in steering's range. */
  public static boolean isSteeringGroup(org.projectfloodlight.openflow.types.OFGroup g) {
    return (g.getGroupNumber() & 0xF000_0000) == GROUP_BASE;
  }

  public static int classifierPriority(SteeredService s) {
    return CLASSIFIER_BASE + 10 * s.filter().specificity();
  }

  public static Cookie tunnelCookie(SteeringNode n) {
    return new Cookie(CookieOwner.STEERING, 0, n.index(), TUNNEL);
  }

  public static Cookie guardCookie() {
    return new Cookie(CookieOwner.STEERING, 0, 0, GUARD);
  }

  public static Cookie classifierCookie(SteeredService s, int nodeIndex) {
    return new Cookie(CookieOwner.STEERING, s.id(), nodeIndex, CLASSIFIER);
  }

  public static Cookie trapCookie(SteeredService s) {
    return new Cookie(CookieOwner.STEERING, s.id(), 0, TRAP);
  }

  public static Cookie flowCookie(SteeredService s, SteeringNode n) {
    return new Cookie(CookieOwner.STEERING, s.id(), n.index(), FLOW);
  }
}
