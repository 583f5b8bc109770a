"""A steady offered load that can be read in windows: many paced UDP flows (distinct source ports) from one or
more hosts to a receiver, per-node packet watchers (which node each flow went through) and the switch's own
counters of what it sent to each node (`ovs-ofctl dump-ports`: exact, where a watcher in Python on a busy
machine may fall behind), all sampled at the same instants so that a window's delivered rate, each node's
arrivals and each flow's node come from the same seconds. Used by the scaling scenario, where a
pool changes under a load that never stops (so the flows that move are seen moving).

The processes are netservof/traffic.py's `stream`, `receive` and `watch` modes, started in the Mininet hosts
and stopped by PID."""

import json
import os
import re
import signal
import subprocess
import time


# A port's line in `ovs-ofctl dump-ports`: its number, then (on the next line) what it transmitted.
PORT_TX = re.compile(r'port\s+(\w+):\s*rx pkts=\d+[^\n]*\n\s*tx pkts=(\d+)')
TRAFFIC = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), 'netservof', 'traffic.py')


class Sample:
    """What had been counted at one instant: at, received (packets at the receiver's port), flows ({node:
    {source port: packets}} by the watchers), sent_to ({node: packets the switch sent out of its port})."""

    def __init__(self, at, received, flows, sent_to):
        self.at, self.received, self.flows, self.sent_to = at, received, flows, sent_to


class Window:
    """Between two samples: the delivered rate, and per node the packets of each flow that reached it."""

    def __init__(self, first, last):
        self.seconds = last.at - first.at
        self.delivered_pps = (last.received - first.received) / self.seconds
        self.arrivals_pps = {n: (c - first.sent_to.get(n, 0)) / self.seconds for n, c in last.sent_to.items()}
        self.per_node = {}
        for node, flows in last.flows.items():
            before = first.flows.get(node, {})
            grown = {sport: n - before.get(sport, 0) for sport, n in flows.items()}
            self.per_node[node] = {sport: n for sport, n in grown.items() if n > 0}

    def placement(self):
        """{source port: node}: the node that saw most of the flow's packets in the window."""
        best = {}
        for node, flows in sorted(self.per_node.items()):
            for sport, n in flows.items():
                if n > best.get(sport, (None, 0))[1]:
                    best[sport] = (node, n)
        return {sport: node for sport, (node, _) in best.items()}


class Load:
    """flows UDP flows at rate packets/s in all, from senders (host names, the flows split among them) to
    dst:dport, watched on nodes (node host names); start(), sample()/window(), stop() (idempotent)."""

    def __init__(self, net, senders, dst, dport, flows, rate, nodes, sport_base=30000):
        self.net, self.senders, self.dst, self.dport = net, list(senders), dst, int(dport)
        self.flows, self.rate, self.nodes, self.sport_base = int(flows), float(rate), list(nodes), sport_base
        self.workdir = net.workdir
        self.receiver = None
        self.streams, self.watchers = [], {}
        self.ports = {node: switch_port(net.host(node)) for node in self.nodes}

    def start(self):
        counts = os.path.join(self.workdir, 'load-received.json')
        self.receiver = (self.net.host(self.dst).popen(
            ['/usr/bin/python3', TRAFFIC, 'receive', '--ports', str(self.dport), '--counts', counts]), counts)
        for node in self.nodes:
            h = self.net.host(node)
            path = os.path.join(self.workdir, 'load-watch-%s.json' % node)
            self.watchers[node] = (h.popen(['/usr/bin/python3', TRAFFIC, 'watch', '--interface',
                                            h.defaultIntf().name, '--dport', str(self.dport), '--counts', path]), path)
        time.sleep(0.5)
        self._start_senders()
        return self

    def _start_senders(self):
        """Each sender its share of the flows (consecutive source ports), each flow at rate/flows packets/s."""
        period = self.flows / self.rate
        base = self.sport_base
        for i, src in enumerate(self.senders):
            share = self.flows // len(self.senders) + (1 if i < self.flows % len(self.senders) else 0)
            proc = self.net.host(src).popen(
                ['/usr/bin/python3', TRAFFIC, 'stream', '--dst', self.net.hosts_ip(self.dst), '--dport',
                 str(self.dport), '--flows', str(share), '--period', str(period), '--sport-base', str(base)],
                stdout=subprocess.PIPE, text=True)
            self.streams.append(proc)
            base += share

    def sample(self):
        """Asks the receiver and every watcher to write their counts now, and reads them."""
        procs = [self.receiver] + list(self.watchers.values())
        before = {path: _mtime(path) for _, path in procs}
        at = time.time()
        for proc, _ in procs:
            proc.send_signal(signal.SIGUSR1)
        for _, path in procs:
            _wait_newer(path, before[path])
        received = _read(self.receiver[1]).get(str(self.dport), {}).get('packets', 0)
        flows = {node: {int(s): f[2] for s, f in _read(path)['flows'].items()}
                 for node, (_, path) in self.watchers.items()}
        return Sample(at, received, flows, self.switch_counts())

    def switch_counts(self):
        """{node: packets its switch has sent out of the node's port} (OpenFlow port statistics)."""
        tx = {}
        for switch in sorted({sw for sw, _ in self.ports.values()}):
            out = subprocess.run(['ovs-ofctl', '-O', 'OpenFlow13', 'dump-ports', switch], capture_output=True,
                                 text=True, check=True).stdout
            for port, sent in PORT_TX.findall(out):
                tx[(switch, port)] = int(sent)
        return {node: tx.get((sw, str(port)), 0) for node, (sw, port) in self.ports.items()}

    def window(self, seconds):
        """A window of the given length from now."""
        first = self.sample()
        time.sleep(seconds)
        return Window(first, self.sample())

    def stop(self):
        """Stops every process (by PID); what the senders sent: {'sent', 'seconds', 'worst_late_ms'} summed."""
        sent = {'sent': 0, 'seconds': 0.0, 'worst_late_ms': 0.0}
        for proc in self.streams:
            out = _terminate(proc)
            if out and out.strip():
                summary = json.loads(out.strip().splitlines()[-1])
                sent['sent'] += summary.get('sent', 0)
                sent['seconds'] = max(sent['seconds'], summary.get('seconds', 0.0))
                sent['worst_late_ms'] = max(sent['worst_late_ms'], summary.get('worst_late_ms', 0.0))
        for proc, _ in list(self.watchers.values()) + ([self.receiver] if self.receiver else []):
            _terminate(proc)
        self.streams, self.watchers, self.receiver = [], {}, None
        return sent


def switch_port(host):
    """(switch name, OpenFlow port number) where the host's interface is plugged in."""
    intf = host.defaultIntf()
    peer = intf.link.intf2 if intf.link.intf1 is intf else intf.link.intf1
    return peer.node.name, peer.node.ports[peer]


def _terminate(proc):
    if proc.poll() is None:
        proc.terminate()
    try:
        out, _ = proc.communicate(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        out, _ = proc.communicate()
    return out


def _mtime(path):
    try:
        return os.stat(path).st_mtime_ns
    except FileNotFoundError:
        return 0


def _wait_newer(path, before, timeout=5.0):
    """Until path was rewritten (the process answered SIGUSR1); a process that died leaves it as it was."""
    deadline = time.time() + timeout
    while _mtime(path) <= before and time.time() < deadline:
        time.sleep(0.01)


def _read(path):
    with open(path) as f:
        return json.load(f)
