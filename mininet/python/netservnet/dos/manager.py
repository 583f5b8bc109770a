"""`./netserv dos-manager --victim ADDR ...`: the DoS self-protection loop (see netservnet/dos/__init__.py).

Polls the victim's RateMonitor with signed PROBE modules every --poll seconds, and acts on what decisions.py
decides: SETUPs (with --ttl leases) and PROBE nodes toward the attack's directions. Each decision is logged, one
line each, with the wall-clock time: `2026-12-05T21:40:01.123Z +12.3s DECISION why`. Stops on SIGTERM or SIGINT
(exit 0), leaving what it deployed to run out on its own leases.
"""

import argparse
import datetime
import os
import signal
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))

from netservnet.dos import decisions, readings  # noqa: E402
from netservnet.dos.client import Module, SignalClient  # noqa: E402
from netservnet.dos.decisions import LIMITER, MONITOR  # noqa: E402

VERSION = '_1.0'
LIB = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', '..', 'target', 'lib')


class Log:
    """Decision lines with the wall-clock time and the seconds since start, flushed at once."""

    def __init__(self, out=sys.stdout):
        self.out, self.start = out, time.time()
        self.lock = threading.Lock()

    def __call__(self, message):
        now = time.time()
        stamp = datetime.datetime.fromtimestamp(now, datetime.timezone.utc).strftime('%Y-%m-%dT%H:%M:%S.%f')[:-3]
        with self.lock:
            self.out.write('%sZ +%.1fs %s\n' % (stamp, now - self.start, message))
            self.out.flush()


class Manager:
    """One loop: poll, decide, act. client: a SignalClient; modules: {MONITOR: Module, LIMITER: Module}."""

    def __init__(self, victim, port, client, modules, planner, poll, stale, log):
        self.victim, self.client, self.modules, self.planner = victim, client, modules, planner
        self.filter = {'proto': 'udp', 'dst': victim + '/32', 'port': port}
        self.poll, self.log = poll, log
        self.fresh = readings.Freshness(stale)
        self.deployed = {MONITOR: {}, LIMITER: {}}   # module -> {domain: {node}}, from our own SETUP answers
        self.stopped = threading.Event()
        self.pool = ThreadPoolExecutor(max_workers=8)     # actions
        self.polls = ThreadPoolExecutor(max_workers=4)    # the polls' PROBEs: never queued behind a slow SETUP
        self.lock = threading.Lock()
        self.inflight = set()     # actions being carried out: the planner repeats an action until it is done

    def run(self):
        self.act([self.planner.standing()])
        self.settle()
        refresher = threading.Thread(target=self.refresh_loop, name='refresher', daemon=True)
        refresher.start()
        while not self.stopped.is_set():
            started = time.time()
            self.cycle(started)
            self.stopped.wait(max(0.0, self.poll - (time.time() - started)))
        refresher.join()
        self.pool.shutdown(wait=True)
        self.polls.shutdown(wait=True)

    def refresh_loop(self):
        """Leases are refreshed on time even when a poll is slow (PROBEs of several seconds on a loaded host)."""
        while not self.stopped.wait(0.25):
            with self.lock:
                actions = self.planner.refreshes(time.time())
            self.act(actions)

    def settle(self, timeout=60):
        """Until no action is under way (the standing monitor is set up before the first poll)."""
        deadline = time.time() + timeout
        while self.inflight and time.time() < deadline and not self.stopped.is_set():
            time.sleep(0.05)

    def cycle(self, now):
        towards = [self.victim] + sorted(self.planner.directions)
        answers = list(self.polls.map(lambda t: self.client.probe(MONITOR + VERSION, t, 'modules'), towards))
        read = {t: self.live(a, now) for t, a in zip(towards, answers)}
        near = read[self.victim]  # the victim's monitor is in the farthest domain toward it (the first)
        victim = [r for r in near if r.domain == near[0].domain]
        with self.lock:  # the planner is told of finished actions from the workers too
            actions = self.planner.decide(victim, {t: read[t] for t in towards[1:]}, time.time())
        self.act(actions)

    def live(self, answer, now):
        """The fresh readings of a PROBE modules answer (validated by readings.py)."""
        if answer['status'] is None:
            self.log('PROBE modules got no answer: %s' % answer['stderr'].strip()[-200:])
            return []
        with self.lock:
            deployed = {domain: set(nodes) for domain, nodes in self.deployed[MONITOR].items()}
        got = readings.monitor_readings(answer, MONITOR + VERSION, deployed, self.log)
        return [r for r in got if self.fresh.fresh(r, now)]

    def act(self, actions):
        """Logs each new decision and starts carrying it out, without waiting: the polls go on meanwhile, so a
        slow SETUP (a container starting on a node) delays no refresh. An action under way is not started twice."""
        for a in actions:
            key = (a.kind, a.module, a.toward)
            with self.lock:
                if key in self.inflight:
                    continue
                if a.kind != 'expire':
                    self.inflight.add(key)
            self.log('%s %s toward %s: %s' % (a.kind.upper(), (a.module + VERSION) if a.module else 'nodes',
                                               a.toward, a.why))
            if a.kind != 'expire':
                self.pool.submit(self.carry_out, key, a)

    def carry_out(self, key, action):
        try:
            if action.kind == 'probe-nodes':
                self.probe_nodes(action.toward)
            else:
                self.setup(action)
        except Exception as e:  # noqa: BLE001 -- the loop goes on; the planner asks again next poll
            self.log('  %s toward %s failed: %s' % (action.kind, action.toward, e))
        finally:
            with self.lock:
                self.inflight.discard(key)

    def setup(self, action):
        answer = self.client.setup(self.modules[action.module], action.toward, self.filter, self.planner.s.ttl)
        done = [e['domain'] for e in answer['stack'] if e['code'] == 200]
        with self.lock:
            for domain, nodes in readings.installed_nodes(answer).items():
                self.deployed[action.module].setdefault(domain, set()).update(nodes)
            if done:
                self.planner.set_up(action.module, action.toward, time.time(), done)
        self.log('  SETUP %s toward %s: %s' % (action.module, action.toward, _stack(answer)))

    def probe_nodes(self, toward):
        answer = self.client.probe(MONITOR + VERSION, toward, 'nodes')
        nodes = {}
        for e in answer['stack']:
            listed = e['json'].get('nodes') if isinstance(e['json'], dict) else None
            if e['code'] == 200 and isinstance(listed, list):
                nodes[e['domain']] = sorted(n['id'] for n in listed if isinstance(n, dict) and n.get('healthy')
                                            and isinstance(n.get('id'), str) and readings.NODE.match(n['id']))
        with self.lock:
            self.planner.nodes_found(toward, nodes)
        self.log('  PROBE nodes toward %s: %s' % (toward, '; '.join('%s: %s' % (d, ','.join(n) or 'none')
                                                                  for d, n in nodes.items()) or _stack(answer)))


def _stack(answer):
    if answer['status'] is None:
        return 'no answer (%s)' % answer['stderr'].strip()[-120:]
    return ', '.join('%s %d %s' % (e['domain'], e['code'], e['detail'][:70]) for e in answer['stack'])


def parser():
    p = argparse.ArgumentParser(prog='netserv dos-manager', description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument('--victim', required=True, help='the address to protect (IPv4)')
    p.add_argument('--port', type=int, required=True, help='its UDP port (the service under attack)')
    p.add_argument('--user', required=True, help='the publisher (a signaling user granted VICTIM/32 udp:PORT)')
    p.add_argument('--key', required=True, help="the publisher's private key (./netserv keygen)")
    for name in ('monitor', 'limiter'):
        p.add_argument('--%s-url' % name, required=True)
        p.add_argument('--%s-sha256' % name, required=True)
    p.add_argument('--warn', type=int, default=150, help='RateMonitor warn, packets/s (default 150)')
    p.add_argument('--alarm', type=int, default=300, help='RateMonitor alarm, packets/s (default 300)')
    p.add_argument('--limit', type=int, default=50, help='RateLimiter rate per source, packets/s (default 50)')
    p.add_argument('--ttl', type=int, default=30, help='every lease, seconds (default 30)')
    p.add_argument('--poll', type=float, default=1.0, help='seconds between polls (default 1)')
    p.add_argument('--hold', type=float, default=4.0, help='no alarm this long: the attack is over (default 4)')
    p.add_argument('--suspect-share', type=float, default=0.2)
    p.add_argument('--max-directions', type=int, default=8)
    p.add_argument('--java', default='java')
    p.add_argument('--lib', default=os.path.normpath(LIB), help="the project's JARs (default mininet/target/lib)")
    return p


def main(argv=None):
    o = parser().parse_args(argv)
    if not 0 < o.ttl <= 86400 or o.poll <= 0 or o.ttl < 3 * o.poll:
        parser().error('--ttl must be 1-86400 s and at least three polls')
    monitor = Module(MONITOR + VERSION, o.monitor_url, o.monitor_sha256,
                     {'warn': o.warn, 'alarm': o.alarm, 'publish-ms': 500, 'publish-top': 3})
    limiter = Module(LIMITER + VERSION, o.limiter_url, o.limiter_sha256, {'rate': o.limit, 'burst': o.limit})
    settings = decisions.Settings(o.ttl, o.ttl / 4.0, o.hold, o.suspect_share, o.max_directions)
    log = Log()
    manager = Manager(o.victim, o.port, SignalClient(o.java, o.lib, o.user, o.key), {MONITOR: monitor,
                      LIMITER: limiter}, decisions.Planner(o.victim, settings), o.poll, max(2.0, 2 * o.poll), log)
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: manager.stopped.set())
    log('dos-manager for %s udp %d as %s: warn %d, alarm %d, limit %d/s per source, ttl %d s'
        % (o.victim, o.port, o.user, o.warn, o.alarm, o.limit, o.ttl))
    manager.run()
    log('stopped; what was deployed runs out with its leases')
    return 0


if __name__ == '__main__':
    sys.exit(main())
