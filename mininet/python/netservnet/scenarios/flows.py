"""Traffic the scenarios run beside NetServNet's one-shot helpers: UDP flows that keep sending at a steady pace
while something happens to the network (a node killed, a node drained, a rate limit), and which node each flow
(source port) reached and when, from the packet watchers on the node hosts. The senders are traffic.py
(netservof) in the Mininet hosts, our own processes, stopped by handle."""

import json
import subprocess
import time

from netservof import traffic

SCRIPT = traffic.__file__


def _stop(proc):
    """SIGTERM to our own process (traffic.py prints its summary on it), SIGKILL if it hangs."""
    if proc.poll() is None:
        proc.terminate()
    try:
        return proc.communicate(timeout=10)[0]
    except subprocess.TimeoutExpired:
        proc.kill()
        return proc.communicate()[0]


class Stream:
    """`flows` UDP flows from a host to dst_ip:dport (source ports sport_base onwards), each one packet every
    `period` seconds on an absolute schedule, until stop()."""

    def __init__(self, host, dst_ip, dport, flows, period, sport_base):
        self.sports = range(sport_base, sport_base + flows)
        self.proc = host.popen(['/usr/bin/python3', SCRIPT, 'stream', '--dst', dst_ip, '--dport', str(dport),
                                '--flows', str(flows), '--period', str(period), '--sport-base', str(sport_base)],
                               stdout=subprocess.PIPE, text=True)

    def stop(self):
        """What the sender says it sent: {'sent', 'seconds', 'worst_late_ms'}."""
        out = _stop(self.proc) or ''
        lines = out.strip().splitlines()
        return json.loads(lines[-1]) if lines else {'sent': 0, 'seconds': 0, 'worst_late_ms': 0}


def measured_stream(net, src, dst, dport, flows, period, sport_base):
    """Starts the network's one measured stream (the session's udp_stream: a Stream and a receiver at dst);
    measured_stream_stop answers {'sent', 'seconds', 'worst_late_ms', 'received'}. Returns its source ports."""
    net.session.udp_stream_start(src, dst, dport, flows, period, sport_base=sport_base)
    return range(sport_base, sport_base + flows)


def measured_stream_stop(net):
    return net.session.udp_stream_stop()


class NodeWatch:
    """The network's packet watcher on every node host (net.watchNodes): per node and source port of the UDP
    packets to dport arriving on the node's data-plane interface, when the first and last came and how many.
    It sees what the node's agent sees without touching it, and keeps watching after the agent is killed."""

    def __init__(self, net, dport):
        self.net = net
        net.watchNodes(dport)

    def seen(self, after=0.0):
        """{node: {source port: [first, last, packets]}} as of now; with after, only the flows that reached a
        node for the first time then or later."""
        return {node: {int(p): s for p, s in flows.items()}
                for node, flows in self.net.session.flow_watch(after=after).items()}

    def stop(self):
        self.net.stopWatching()


def placement(seen, sports):
    """{source port: set of nodes that saw it} for the given flows."""
    out = {p: set() for p in sports}
    for node, flows in seen.items():
        for sport in flows:
            if sport in out:
                out[sport].add(node)
    return out


def count_on(where, node):
    """How many flows of a {flow: node} placement are on node."""
    return sum(1 for at in where.values() if at == node)


def on_node(seen, node, sports, since=0.0):
    """The flows among sports whose packets reached node at or after `since` (their last packet then or later)."""
    return {p for p, s in seen.get(node, {}).items() if p in sports and s[1] >= since}


def steady_placement(watch, sports, timeout=30.0):
    """{source port: node} once every flow has reached a node and one more second passed; raises when a flow is
    missing by then or reached two nodes (a flow seen twice before anything happened would make 'moved'
    meaningless)."""
    deadline = time.time() + timeout
    while not all(placement(watch.seen(), sports).values()) and time.time() < deadline:
        time.sleep(0.5)
    time.sleep(1)
    where = placement(watch.seen(), sports)
    lost = sorted(p for p, at in where.items() if not at)
    split = sorted(p for p, at in where.items() if len(at) > 1)
    if lost or split:
        raise RuntimeError('flows did not settle on one node each: %d reached none (%s), %d reached several (%s)'
                           % (len(lost), lost[:5], len(split), split[:5]))
    return {p: next(iter(at)) for p, at in where.items()}


def wait_moved(watch, flows_, to, after, timeout=20.0):
    """Waits until every flow of flows_ has reached node `to` for the first time at or after `after`, or timeout;
    answers {flow: seconds from `after` to its first packet there} for those that did."""
    deadline = time.time() + timeout
    while True:
        arrived = {p: s[0] - after for p, s in watch.seen(after).get(to, {}).items() if p in flows_}
        if len(arrived) == len(flows_) or time.time() > deadline:
            return arrived
        time.sleep(0.2)
