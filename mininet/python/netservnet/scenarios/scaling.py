"""scaling: lateral scaling, measured. A pool grows from 1 to 8 service nodes (short form 1, 2, 4) under an
offered load larger than one node can serve; per pool size it reports the throughput delivered at the
receiver, the spread of the flows over the nodes and the flows that moved when nodes were added.

The nodes run PacedForwarder, whose capacity is fixed by design (service-us per packet, default 4 ms: 250
packets/s a node, so that 8 nodes under twice their load stay within what one Python sender, the watchers and
Open vSwitch's userspace datapath carry on 2 cores), so that on a small machine the experiment measures steering
and balancing, not how CPU is shared. h1 sends `flows` paced UDP flows (distinct source ports) to h2:5060 at
`rate` packets/s in all, the same load for every pool size (default twice what the largest pool serves, so that
even the node that drew the fewest flows is saturated); it never stops, so the flows that move are seen moving. A
packet watcher on each node says which node every source port went through.

Steering is proactive (the split on Open vSwitch: 2^8 slots of the source port, each slot given to a node by
rendezvous hashing): a node that joins takes over the slots it now wins, about 1/N of them, from the running
flows at once, and no other slot moves. Reactive steering would leave every running flow on its old node
until its entry idles out, so a grown pool would carry no more until the flows end.

How the pool grows: every node is started (registered, healthy) from the start, and a node joins the pool's
service when the user's container on it runs the module: the service (over REST) installs PacedForwarder on
n1, and each later node gets it through a service of its own naming that node (a filter on a port no traffic
uses), which makes its container ready, and steering plans the main service over it.

Before any service the same load crosses the switch alone (the switch-only baseline, reported beside the
rows); at each size the switch's port counters say how much of the load reached the pool, which is how a
size where the switch is the limit is told apart (netservnet.scaling_report says how the goals use it).
Writes scaling.json and scaling.png under --out (default bench-results)."""

import os
import platform
import subprocess
import time

from netservnet import NetServNet, scaling_report, topos
from netservnet.scenarios import common
from netservnet.load import Load, Window
from netservof import fabric
from netservof.controller import ROOT

DESCRIPTION = ('lateral scaling: a pool grows 1 to 8 nodes of fixed capacity under overload; throughput, spread '
               'of flows and flows moved per size (short: 1, 2, 4)')
MODULE = 'PacedForwarder'
USER = 'alice'
POOL = 'pool'
PORT = 5060


def add_arguments(parser):
    parser.add_argument('--sizes', help='scaling: pool sizes, comma separated, growing (default 1,...,8; '
                                        'short 1,2,4)')
    parser.add_argument('--service-us', type=int, default=4000,
                        help='scaling: PacedForwarder service time per packet in microseconds (default 4000)')
    parser.add_argument('--flows', type=int, default=256, help='scaling: UDP flows (default 256)')
    parser.add_argument('--rate', type=float, help='scaling: offered packets/s in all (default: 2 x the '
                                                   'largest pool\'s capacity)')
    parser.add_argument('--window', type=float, help='scaling: seconds measured per size (default 4; short 3)')
    parser.add_argument('--out', help='scaling: directory for scaling.json and scaling.png (default '
                                      'bench-results)')


class Settings:
    """The run's numbers, from the options (any the caller left out take their defaults)."""

    def __init__(self, options):
        short = getattr(options, 'short', False)
        sizes = getattr(options, 'sizes', None) or ('1,2,4' if short else '1,2,3,4,5,6,7,8')
        self.sizes = [int(s) for s in str(sizes).split(',')]
        if self.sizes != sorted(set(self.sizes)) or self.sizes[0] < 1:
            raise ValueError('--sizes must grow: %s' % sizes)
        self.service_us = getattr(options, 'service_us', None) or 4000
        self.capacity = 1e6 / self.service_us
        self.flows = getattr(options, 'flows', None) or 256
        self.rate = getattr(options, 'rate', None) or 2 * self.sizes[-1] * self.capacity
        self.window = getattr(options, 'window', None) or (3.0 if short else 4.0)
        self.out = getattr(options, 'out', None) or os.path.join(ROOT, 'bench-results')
        self.protocols = getattr(options, 'protocols', None) or 'OpenFlow13'

    def describe(self):
        return {'steering': 'proactive split (256 source-port slots, rendezvous hashing)', 'sizes': self.sizes,
                'service_us': self.service_us, 'capacity_pps': self.capacity, 'flows': self.flows,
                'offered_pps': self.rate, 'window_s': self.window}


def run(options):
    s = Settings(options)
    began = time.time()
    prefix = '' if getattr(options, 'keep', False) else fabric.run_prefix()  # plain names to type in the CLI
    net, nodes = network(getattr(options, 'topo', None), s, prefix)
    with net:
        receiver = net.topo.nodeInfo(prefix + 'h2')['ip'].split('/')[0]
        net.addUser(USER, filter_prefixes=[receiver + '/32'], protocols=['udp'], max_services=len(nodes) + 2)
        net.start()
        print('network: h1 sends %d flows at %.0f packets/s to h2 (%s:%d); nodes %s, each '
              '%.0f packets/s (PacedForwarder, %d us a packet)' % (s.flows, s.rate, receiver, PORT,
                                                                  ', '.join(nodes), s.capacity, s.service_us),
              flush=True)
        baseline, rows, sent = measure(net, s, nodes, receiver)
        # The nodes' own account (PacedForwarder's passed and dropped, as of their last heartbeat): the drops are
        # theirs, by design, not the fabric's.
        sent['modules'] = net.moduleReports(MODULE, user=USER)
        common.keep_open(net, options)
    return conclude(s, baseline, rows, sent, time.time() - began)


def network(topo_name, s, prefix):
    """The NetServNet (not started) and its nodes in joining order: by default one switch s1 with h1, h2 and the
    nodes; with --topo, that topology's own nodes and then more on s1 up to the largest pool size."""
    if topo_name == 'twodomains':
        raise ValueError('scaling grows one pool under one controller; twodomains has two (choose another --topo)')
    topo = topos.topos[topo_name](prefix=prefix) if topo_name else topos.Single(hosts=2, nodes=0, prefix=prefix)
    net = NetServNet(topo=topo, protocols=s.protocols, prefix=prefix,
                     controller_options={'steering': {'proactive-placement': 'split'}})
    declared = sorted(getattr(topo, 'serviceNodes', {}), key=lambda n: int(n[1:]))
    added = [net.addServiceNode('s1', pool=POOL) for _ in range(max(0, s.sizes[-1] - len(declared)))]
    return net, declared + added


def measure(net, s, nodes, receiver):
    """The switch-only baseline, then one row per pool size; answers (baseline pps, rows, what was sent)."""
    load = Load(net, ['h1'], 'h2', PORT, s.flows, s.rate, nodes).start()
    rows, placement, pool = [], None, []
    try:
        time.sleep(1.0)
        baseline = load.window(s.window).delivered_pps
        print('switch only (no service): %.0f packets/s delivered of %.0f offered' % (baseline, s.rate), flush=True)
        for size in s.sizes:
            added = nodes[len(pool):size]
            for node in added:
                join(net, s, node, receiver, first=not pool)
            pool = nodes[:size]
            converge(load, pool)
            row, placement = scaling_report.phase_row(pool, load.window(s.window), placement, added)
            rows.append(row)
            print('%d nodes: %.0f packets/s delivered, flows per node %s%s' % (
                size, row['delivered_pps'], [v['flows'] for v in row['spread'].values()],
                '' if row['moved'] is None else ', %d flows moved' % row['moved']), flush=True)
    finally:
        sent = load.stop()
    return baseline, rows, sent


def join(net, s, node, receiver, first):
    """Makes node run the module for the user: the main service (steered over the pool) with the first
    node; for each later one, a service naming that node, on a port no traffic uses."""
    url, sha256 = net.moduleUrl(MODULE)
    port = PORT if first else 6000 + int(node[1:])
    net.rest('POST', '/netserv/v1/services', {
        'name': 'scaling' if first else 'join-' + node, 'node': node, 'user': USER, 'ttlSeconds': 3600,
        'mode': 'proactive' if first else 'reactive',
        'filter': {'protocol': 'udp', 'dst': receiver + '/32', 'dstPorts': str(port)},
        'module': {'name': MODULE + '_1.0', 'url': url, 'sha256': sha256,
                   'properties': {'service-us': str(s.service_us), 'queue': '50'}}})


def converge(load, pool, timeout=30.0, settle=1.0):
    """Until every node of the pool, and no other, receives flows (the new plan is in the switch); then a
    moment for the old entries to go."""
    deadline = time.time() + timeout
    last = load.sample()
    while True:
        time.sleep(0.5)
        now = load.sample()
        busy = {n for n, flows in Window(last, now).per_node.items() if flows}
        if busy == set(pool):
            break
        if time.time() > deadline:
            raise RuntimeError('steering did not reach the pool %s within %.0f s: traffic seen at %s'
                               % (pool, timeout, sorted(busy)))
        last = now
    time.sleep(settle)


def conclude(s, baseline, rows, sent, seconds):
    """Judges the goals, prints the table, writes the JSON and the plot; answers whether the goals hold."""
    goals = scaling_report.judge(rows, baseline, s.capacity, s.flows, s.rate)
    print()
    print(scaling_report.table(rows))
    result = {'settings': s.describe(), 'flows': s.flows, 'rows': rows, 'goals': goals, 'sent': sent,
              'seconds': round(seconds, 1), 'machine': machine()}
    json_path, png_path = scaling_report.write(s.out, result)
    print('\nwrote %s and %s (%.0f s)' % (json_path, png_path, seconds))
    for failure in goals['failures']:
        print('  not held: ' + failure)
    print('scaling %s: throughput within 10%% of N x one node (%.0f/s) until the switch is the limit (switch '
          'only: %.0f/s), and at most ~1/N of the flows moved per added node, none between old nodes'
          % ('holds' if goals['holds'] else 'FAILED', goals['one_node_pps'], goals['baseline_pps']), flush=True)
    return goals['holds']


def machine():
    """The machine the numbers come from: CPU model and count, kernel, Open vSwitch version."""
    model = ''
    with open('/proc/cpuinfo') as f:
        for line in f:
            if line.startswith('model name'):
                model = line.split(':', 1)[1].strip()
                break
    ovs = subprocess.run(['ovs-vsctl', '--version'], capture_output=True, text=True).stdout.splitlines()
    return {'cpu': model, 'cpus': os.cpu_count(), 'kernel': platform.release(), 'ovs': ovs[0] if ovs else ''}
