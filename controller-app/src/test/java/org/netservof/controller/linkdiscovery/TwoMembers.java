package org.netservof.controller.linkdiscovery;

import java.util.Arrays;
import java.util.Random;
import org.netservof.controller.api.fabric.LinkService;
import org.netservof.controller.store.MemoryStoreService;
import org.netservof.controller.testing.FakeClock;
import org.netservof.controller.testing.FakeSwitch;
import org.netservof.controller.testing.FakeSwitchService;
import org.netservof.controller.testing.PacketIns;

/**
 * Two cluster members' link discovery over one shared store, for tests of what lies above it: member A
 * masters one switch, member B another, and a cable joins them.
 */
public final class TwoMembers {
  private TwoMembers() {}

  /**
   * Runs discovery across the cable {@code s1/port1 <-> s2/port2} (A masters s1, B masters s2) and returns
   * member A's links.
   */
  public static LinkService linkedAcross(FakeClock clock, FakeSwitch s1, int port1, FakeSwitch s2, int port2) {
    MemoryStoreService shared = new MemoryStoreService();
    LinkDiscoveryManager a = member(shared, clock, "a", s1, 1);
    LinkDiscoveryManager b = member(shared, clock, "b", s2, 2);
    a.probeAll();
    b.probeAll();
    byte[] toB = LinkDiscoveryManagerTest.probeOutOf(s1, port1);
    byte[] toA = LinkDiscoveryManagerTest.probeOutOf(s2, port2);
    b.receive(s2, PacketIns.of(s2.factory(), port2, toB), PacketIns.context(port2, toB));
    a.receive(s1, PacketIns.of(s1.factory(), port1, toA), PacketIns.context(port1, toA));
    return a;
  }

  static LinkDiscoveryManager member(MemoryStoreService shared, FakeClock clock, String id, FakeSwitch sw, int seed) {
    return new LinkDiscoveryManager(new FakeSwitchService().add(sw), new LinkDiscoveryManagerTest.NoServicePorts(),
        LinkDiscoveryConfig.DEFAULTS, clock, key(seed), new Random(seed), LinkExchange.shared(shared, id,
        Runnable::run), Runnable::run);
  }

  static byte[] key(int seed) {
    byte[] k = new byte[32];
    Arrays.fill(k, (byte) seed);
    return k;
  }
}
