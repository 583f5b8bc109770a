"""What the manager does, decided from readings and the time alone (no I/O, no clock): the thesis's NAME.

1. The victim's RateMonitor (standing, refreshed always) reads `alarm`: an attack. Deploy a RateLimiter in front
   of the victim, and take the loudest sources of the victim's report as the attack's directions.
2. Each new direction: PROBE nodes toward it (the NetServ domains on the path and their nodes), then a RateMonitor
   SETUP toward it, which every domain on the path installs for the victim's traffic.
3. The path's readings (farthest domain first) say where the attack enters: the farthest domain, other than the
   victim's, whose monitor reads `alarm`. A RateLimiter SETUP toward that direction puts a limiter there.
4. While any monitor reads `alarm` (fresh), every lease is refreshed before it runs out; once none has for `hold`
   seconds and two polls the attack is over: nothing is refreshed but the victim's monitor, and every other module
   and its steering go when their leases run out, with no signaling.
A monitor runs before the limiter in a node's container (it was installed first), so it keeps seeing the attack
while the limiter drops it: the loop refreshes exactly as long as the attack lasts.
"""

import collections

MONITOR, LIMITER = 'RateMonitor', 'RateLimiter'

Action = collections.namedtuple('Action', 'kind module toward why')
Action.__doc__ = """kind 'setup' (module toward an address: install or refresh along the path), 'probe-nodes'
(toward an address) or 'expire' (a lease no longer refreshed: only logged); why, in words, for the log."""

Settings = collections.namedtuple('Settings', 'ttl refresh hold suspect_share max_directions')
Settings.__doc__ = """ttl of every lease (s); refresh a lease once this old (s, under ttl); hold: the attack is
over after this long with no fresh alarm (s); suspect_share: a source is a direction when it sent at least this
share of the packets of the victim's loudest sources; max_directions followed at once."""


class Direction:
    """An attack direction (a source address): where its path's nodes are and where it enters."""

    def __init__(self, source, now):
        self.source, self.found_at = source, now
        self.nodes = None        # {domain: [node]} from PROBE nodes, None until answered
        self.entry = None        # the Reading where it enters, once seen


class Planner:
    """The loop's state and decisions; decide() is called once a poll with what was read."""

    def __init__(self, victim, settings):
        self.victim, self.s = victim, settings
        self.leases = {}          # (module, toward) -> when last set up
        self.directions = {}      # source -> Direction
        self.victim_domain = None
        self.last_alarm = None
        self.over_at = None
        self.quiet_polls = 0      # polls in a row without an alarm: one slow or lost poll does not end an attack

    # --- what the manager tells it ------------------------------------------------------------------------------

    def set_up(self, module, toward, now, domains=()):
        """A SETUP toward `toward` answered 200 in `domains` (installed or refreshed there). One toward a direction
        also refreshed the victim's own service of the module when it passed the victim's domain."""
        self.leases[(module, toward)] = now
        if toward != self.victim and self.victim_domain in domains:
            self.leases[(module, self.victim)] = now

    def nodes_found(self, source, nodes):
        """PROBE nodes toward source answered: {domain: [node ids]}."""
        if source in self.directions:
            self.directions[source].nodes = nodes

    # --- decisions --------------------------------------------------------------------------------------------

    def decide(self, victim_readings, paths, now):
        """Actions for this poll. victim_readings: fresh readings of the victim's monitor; paths: {source: fresh
        readings toward it, the farthest domain first}."""
        actions = []
        if victim_readings and self.victim_domain is None:
            self.victim_domain = victim_readings[0].domain
        alarm = any(r.state == 'alarm' for r in victim_readings)
        entries = {src: self._entry(readings) for src, readings in paths.items() if src in self.directions}
        if alarm or any(e is not None for e in entries.values()):
            self.quiet_polls = 0
            actions += self._under_attack(victim_readings, entries, now)
        else:
            self.quiet_polls += 1
            if self.last_alarm is not None and now - self.last_alarm > self.s.hold and self.quiet_polls >= 2:
                actions += self._attack_over(now)
        actions += self._refreshes(now, {(a.module, a.toward) for a in actions if a.kind == 'setup'})
        return actions

    def _under_attack(self, victim_readings, entries, now):
        """Until each is set up (the manager runs one of each at a time), the same actions come again."""
        actions = []
        self.over_at = None
        if (LIMITER, self.victim) not in self.leases:
            actions.append(Action('setup', LIMITER, self.victim, 'the victim\'s monitor reads alarm (%s)'
                                  % _rates(victim_readings)))
        self.last_alarm = now
        for source in self._new_suspects(victim_readings):
            self.directions[source] = Direction(source, now)
            actions.append(Action('probe-nodes', None, source, 'a loud source of the attack: find the NetServ '
                                                               'nodes on its path'))
        for d in self.directions.values():
            actions += self._direction_steps(d, entries.get(d.source))
        return actions

    def _direction_steps(self, d, entry):
        if d.nodes is not None and (MONITOR, d.source) not in self.leases:
            return [Action('setup', MONITOR, d.source, 'monitors on the path toward %s (nodes %s)'
                           % (d.source, _nodes_text(d.nodes)))]
        if entry is not None and d.entry is None:
            d.entry = entry
        if d.entry is not None and (LIMITER, d.source) not in self.leases:
            return [Action('setup', LIMITER, d.source, 'the attack from %s enters at %s (%s): %d packets/s, %s'
                           % (d.source, d.entry.node, d.entry.domain, d.entry.pps, d.entry.state))]
        return []

    def _entry(self, readings):
        """The farthest reading in alarm outside the victim's domain, or None."""
        for r in readings:
            if r.state == 'alarm' and r.domain != self.victim_domain:
                return r
        return None

    def _new_suspects(self, victim_readings):
        """Sources of the victim's reports in alarm loud enough to follow, new ones only, within max_directions."""
        rows = [row for r in victim_readings if r.state == 'alarm' for row in r.sources]
        total = sum(packets for _, packets in rows)
        loud = sorted({src for src, packets in rows if total and packets >= self.s.suspect_share * total
                       and src != self.victim})
        room = max(0, self.s.max_directions - len(self.directions))
        return [src for src in loud if src not in self.directions][:room]

    def _attack_over(self, now):
        """No alarm for `hold` seconds: forget the response; its leases run out on their own."""
        if self.over_at is None:
            self.over_at = now
            let_go = sorted(k for k in self.leases if k != (MONITOR, self.victim))
            for key in let_go:
                del self.leases[key]
            self.directions.clear()
            return [Action('expire', module, toward, 'no alarm for %.0f s: the attack is over, lease left to run '
                                                      'out' % self.s.hold) for module, toward in let_go]
        return []

    def refreshes(self, now):
        """The refreshes due now, apart from the polls."""
        return self._refreshes(now, set())

    def _refreshes(self, now, planned):
        """SETUPs again for the leases that need it: the victim's monitor always, the rest while the attack lasts.
        A module's SETUP toward a direction passes the victim's domain and refreshes it there too, so the one toward
        the victim is left out when one toward a direction goes (each SETUP is a client process: fewer is faster)."""
        due = [(module, toward) for (module, toward), last in sorted(self.leases.items())
               if (module, toward) not in planned and now - last >= self.s.refresh
               and ((module, toward) == (MONITOR, self.victim) or self.over_at is None)]
        passing = {module for module, toward in due + list(planned) if toward != self.victim}
        return [Action('setup', module, toward, 'refresh (last %.1f s ago, ttl %d s)'
                       % (now - self.leases[(module, toward)], self.s.ttl))
                for module, toward in due if toward != self.victim or module not in passing
                or now - self.leases[(module, toward)] >= self.s.ttl / 2.0]  # those did not reach it: now

    def standing(self):
        """The first action of all: the victim's own monitor."""
        return Action('setup', MONITOR, self.victim, 'the standing monitor in front of the victim')


def _rates(readings):
    return ', '.join('%s %s %d/s' % (r.node, r.state, r.pps) for r in readings)


def _nodes_text(nodes):
    return '; '.join('%s: %s' % (d, ','.join(n)) for d, n in sorted(nodes.items()))
