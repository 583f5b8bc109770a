"""dos-protection: the thesis's DoS self-protection loop (Appendix B) on three NetServ domains in a line.

    h1 (attacker a), h4 (legitimate)   h2 (victim), h5 (the manager)   h3 (attacker b)
    s1 + n1: domain d1  ------------   s2 + n2: domain d2  ----------   s3 + n3: domain d3

The victim's publisher runs the DoS manager (`./netserv dos-manager`, netservnet/dos) in h5: a user of the public
signaling client with its own key, granted UDP to the victim's port. First the peer: the same attack with no
manager. Then the manager sets up its standing RateMonitor in front of the victim (d2), and h1 and h3 flood the
victim while h4 sends at a low rate (in each attack, from a source port of its own, so its packets are counted
exactly). The manager sees the victim's monitor in alarm, deploys a RateLimiter in
front of the victim, PROBEs the nodes toward the loud sources (d1 and d3 on their paths), deploys RateMonitors
there, reads that both see the attack, and deploys RateLimiters at n1 and n3, where it enters; it refreshes the
leases while the attack lasts. Holds when the limiters at both entry nodes drop the attack within LIMIT_WITHIN
seconds of its start, h4's packets sent during the attack still reach the victim (at least LEGIT_FRACTION), and
once the attack stops every module but the standing monitor, and its steering, is gone when the leases run out,
and the rest once the manager stops: no service in any domain's REST list, no module in any node's containers, no
steering entry (cookie owner 0x10 with a service id) in any switch's flow table.
"""

import time

from netservnet import NetServNet
from netservnet.project import LIB, java_binary
from netservnet.scenarios import common, dos_traffic
from netservnet.topos import KitTopo
from netservof import fabric

DESCRIPTION = ('the DoS self-protection loop (appendix B): a manager answers an attack from two directions with '
               'RateLimiters where it enters; all gone by lease expiry after it stops')
USER, PORT = 'guard', 5060
ATTACK_PPS, LEGIT_PPS = 400, 20         # each attacker; the legitimate host
WARN, ALARM, LIMIT = 150, 300, 50       # the monitors' thresholds; the limiters' rate per source (packets/s)
LIMIT_WITHIN = 60                       # seconds from the attack's start to both entry limiters dropping it
LEGIT_FRACTION = 0.9                    # of the legitimate packets that reach the victim during the attack
ENTRIES = ('n1', 'n3')


class ThreeDomains(KitTopo):
    """s1 - s2 - s3, each switch a NetServ domain of its own with a service node; hosts as in the docstring."""

    def build(self, prefix=''):
        self.prefix = prefix
        sw = [self.switch(i) for i in (1, 2, 3)]
        self.domains = {'s1': 1, 's2': 2, 's3': 3}
        for host, s in ((1, 0), (2, 1), (3, 2), (4, 0), (5, 1)):
            self.addLink(self.host(host), sw[s])
        self.addLink(sw[0], sw[1])
        self.addLink(sw[1], sw[2])
        for s in sw:
            self.node(s)


def timing(options):
    """(peer seconds, seconds measured under the loop, lease ttl) of the short or the full form."""
    return (3, 4, 15) if options.short else (8, 15, 30)


def run(options, report=None):
    report = {} if report is None else report
    if getattr(options, 'topo', None) not in (None,):
        raise ValueError('dos-protection runs on its own three domains in a line; give no --topo')
    prefix = '' if getattr(options, 'keep', False) else fabric.run_prefix()
    net = NetServNet(topo=ThreeDomains(prefix=prefix), protocols=options.protocols, prefix=prefix)
    with net:
        victim = common.planned_ip(net, 'h2')
        net.addUser(USER, filter_prefixes=[victim + '/32'], protocols=['udp:%d' % PORT], max_services=4)
        net.start()
        print('network: h1,h4 - s1 (d1, n1) - s2 (d2, n2; victim h2 %s, manager h5) - s3 (d3, n3) - h3' % victim,
              flush=True)
        report.update(experiment(net, options, victim))
        common.keep_open(net, options)
    print_figures(report)
    return common.verdict('dos-protection', checks(report), 'the attack from both directions was limited at n1 and '
                          'n3, the legitimate host still got through, and the leases took everything away')


def experiment(net, options, victim):
    peer_s, measure_s, ttl = timing(options)
    traffic = dos_traffic.Traffic(net, 'h2', PORT, 'h4', LEGIT_PPS)
    out = {'ttl': ttl}
    try:
        out['peer'] = traffic.attack(['h1', 'h3'], ATTACK_PPS, peer_s)
        print('peer (no manager): %s' % dos_traffic.window_text(out['peer']), flush=True)
        manager = start_manager(net, victim, ttl)
        try:
            out.update(defended(net, traffic, manager, measure_s))
            out.update(cleanup(net, manager, ttl))
        finally:
            manager.stop()
            out['timeline'] = manager.lines()
    finally:
        traffic.stop()
    print_timeline(out)
    return out


def start_manager(net, victim, ttl):
    """The manager in h5, once its standing monitor runs in front of the victim."""
    manager = dos_traffic.ManagerProcess(net, 'h5', manager_args(net, victim, ttl))
    if not common.wait_for(lambda: manager.said('SETUP RateMonitor toward %s: d2 200' % victim), timeout=60):
        raise RuntimeError('the manager did not set up its monitor in front of the victim: %s' % manager.lines())
    return manager


def manager_args(net, victim, ttl):
    user = net.users[USER]
    monitor, limiter = net.moduleUrl('RateMonitor'), net.moduleUrl('RateLimiter')
    return ['--victim', victim, '--port', PORT, '--user', USER, '--key', user.key,
            '--monitor-url', monitor[0], '--monitor-sha256', monitor[1], '--limiter-url', limiter[0],
            '--limiter-sha256', limiter[1], '--warn', WARN, '--alarm', ALARM, '--limit', LIMIT, '--ttl', ttl,
            '--poll', 2, '--hold', 3, '--java', java_binary(), '--lib', LIB]


def defended(net, traffic, manager, measure_s):
    """The attack again, with the manager: when both entry limiters drop it, then a window measured after."""
    attack = traffic.start_attack(['h1', 'h3'], ATTACK_PPS)
    manager.mark('attack starts (h1, h3 at %d packets/s each)' % ATTACK_PPS)
    limited = common.wait_for(lambda: entry_drops(net), timeout=LIMIT_WITHIN + 20, interval=0.5)
    limited_after = time.time() - attack.started
    manager.mark('limiters at %s drop the attack' % ', '.join(ENTRIES) if limited else 'entries not limited')
    steering = steering_entries(net)
    window = traffic.window(measure_s)
    window.update(traffic.stop_attack())
    manager.mark('attack stops')
    print('with the manager: %s' % dos_traffic.window_text(window), flush=True)
    return {'limited': bool(limited), 'time_to_limit': limited_after, 'defended': window,
            'steering_during': steering}


def entry_drops(net):
    """{node: dropped} of the RateLimiters at the entry nodes, once each has dropped something."""
    reports = net.moduleReports('RateLimiter', user=USER)
    dropped = {n: reports.get(n, {}).get('dropped', 0) for n in ENTRIES}
    return dropped if all(dropped.values()) else None


def cleanup(net, manager, ttl):
    """After the attack: the response goes by lease expiry, then (manager stopped) the standing monitor too."""
    stopped = time.time()
    only_monitor = common.wait_for(lambda: leftovers(net) == {'d2': ['RateMonitor_1.0']}, timeout=ttl + 30)
    response_gone = time.time() - stopped
    manager.mark('response gone: %s' % leftovers(net))
    manager.stop()
    manager.mark('manager stopped')
    gone = common.wait_for(lambda: not leftovers(net) and not steering_entries(net), timeout=ttl + 30)
    manager.mark('all gone: %s' % (leftovers(net) or 'no service, module or steering entry'))
    return {'response_gone': bool(only_monitor), 'time_to_clean': response_gone, 'all_gone': bool(gone),
            'left': leftovers(net), 'steering_left': steering_entries(net)}


def leftovers(net):
    """{domain: sorted module names} still listed by its REST services or running in its nodes' containers."""
    out = {}
    for domain in net.domains:
        names = [s.get('module', {}).get('name', '?') if isinstance(s.get('module'), dict) else str(s.get('module'))
                 for s in net.services(domain)]
        for node in net.nodes(domain):
            for container in (node.get('agent') or {}).get('containers', []):
                names += [m.get('name') for m in container.get('modules', [])]
        if names:
            out[domain] = sorted(set(names))
    return out


def steering_entries(net):
    """{switch: services' steering entries} left in the switches' flow tables (ovs-ofctl dump-flows)."""
    return {s.name: n for s in net.mn.switches for n in [dos_traffic.steering_count(s.name)] if n}


def print_timeline(out):
    print('\ntimeline (wall clock, then seconds since the manager started):')
    for line in out.get('timeline', []):
        print('  ' + line)


def print_figures(report):
    if 'defended' not in report:
        return
    peer, defended = report['peer'], report['defended']
    common.table(['during the attack', 'attack reached victim/s', 'legit sent', 'legit reached', 'legit share'],
                 [('no manager (peer)', '%.0f' % peer['attack_pps'], peer['legit_sent'], peer['legit_received'],
                   '%.2f' % peer['legit_share']),
                  ('with the manager', '%.0f' % defended['attack_pps'], defended['legit_sent'],
                   defended['legit_received'], '%.2f' % defended['legit_share'])])
    print('time to limit at %s: %.1f s (stated: within %d s); time to clean up after the attack: %.1f s (ttl %d s)'
          % (', '.join(ENTRIES), report['time_to_limit'], LIMIT_WITHIN, report['time_to_clean'], report['ttl']),
          flush=True)


def checks(report):
    if 'defended' not in report:
        return [('the experiment ran to its end', False)]
    d = report['defended']
    return [('the limiters at %s dropped the attack within %d s (%.1f s)' % (', '.join(ENTRIES), LIMIT_WITHIN,
                                                                             report['time_to_limit']),
             report['limited'] and report['time_to_limit'] <= LIMIT_WITHIN),
            ('the attack reaching the victim fell to at most 2 x %d/s per source (%.0f/s from 2)'
             % (LIMIT, d['attack_pps']), d['attack_pps'] <= 2 * LIMIT * 2),
            ('at least %.0f%% of the legitimate packets sent during the attack reached the victim (%.2f)'
             % (LEGIT_FRACTION * 100, d['legit_share']),
             d['legit_share'] >= LEGIT_FRACTION),
            ('during the attack the services had steering entries in every switch (%s)' % report['steering_during'],
             len(report['steering_during']) == 3),
            ('after the attack only the standing monitor stayed, by lease expiry', report['response_gone']),
            ('once the manager stopped, no service, module or steering entry was left (%s, %s)'
             % (report['left'], report['steering_left']), report['all_gone'])]
