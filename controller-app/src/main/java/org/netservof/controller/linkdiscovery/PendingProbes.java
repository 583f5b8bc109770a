package org.netservof.controller.linkdiscovery;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.netservof.policy.fabric.SwitchPort;

/**
 * The probes sent and not yet come back, by one-time id. A signature proves a probe is ours, not that it
 * came by cable: a host that receives a probe can hand it to another host, which plays it into its own
 * switch port. So each id is believed once, only from the port it was sent out of, and only within the
 * round-trip bound; a relay that replays a probe elsewhere, again, or late, is refused. Ids come from a
 * {@link SecureRandom}, so a host cannot guess the next one. Thread-safe.
 */
final class PendingProbes {
  /** Where and when a probe was sent. */
  record Sent(SwitchPort from, Instant at) {}

  /** A probe whose id is not (or no longer) pending: used once already, never sent, or forgotten. */
  static final class Replayed extends ProbeCodec.Rejected {
    Replayed(String reason) {
      super(reason);
    }
  }

  private final Map<Long, Sent> pending = new HashMap<>();
  private final Random random;

  PendingProbes(Random random) {
    this.random = random;
  }

  /** A fresh id for a probe sent out of {@code from} now. */
  synchronized long issue(SwitchPort from, Instant now) {
    long id = random.nextLong();
    while (pending.containsKey(id)) {
      id = random.nextLong();
    }
    pending.put(id, new Sent(from, now));
    return id;
  }

  /**
   * Uses up the probe's id (whatever the outcome: a probe is believed at most once) and says where and when
   * it was sent.
   *
   * @throws Replayed if the id is not pending
   * @throws ProbeCodec.Rejected if it names another port than it was sent from, or came back too late
   */
  synchronized Sent redeem(ProbeCodec.Probe probe, Instant now, Duration maxRoundTrip) throws ProbeCodec.Rejected {
    Sent sent = pending.remove(probe.id());
    if (sent == null) {
      throw new Replayed("probe id already used or never sent: a replay");
    }
    if (!sent.from().dpid().equals(probe.dpid()) || !sent.from().port().equals(probe.port())) {
      throw new ProbeCodec.Rejected("probe names " + probe.dpid() + " port " + probe.port() + " but was sent from "
          + sent.from());
    }
    Duration roundTrip = Duration.between(sent.at(), now);
    if (roundTrip.compareTo(maxRoundTrip) > 0) {
      throw new ProbeCodec.Rejected("probe came back after " + roundTrip.toMillis() + " ms, over the "
          + maxRoundTrip.toMillis() + " ms bound (relayed, or the switches are overloaded)");
    }
    return sent;
  }

  /** Forgets probes sent before {@code oldest} (lost on the way, or sent where no switch listens). */
  synchronized void forgetBefore(Instant oldest) {
    pending.values().removeIf(s -> s.at().isBefore(oldest));
  }

  synchronized int size() {
    return pending.size();
  }
}
