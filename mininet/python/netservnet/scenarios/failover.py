"""failover: kill a service node; its flows move to the other node, and no other flow moves.

The thesis's OpenFlow extension (section 8.3) attaches several NetServ nodes to one switch: "we can increase the
throughput by attaching multiple NetServ nodes. Different flows can be assigned to different NetServ nodes."
Here an operator runs NetMonitor for alice on a pool of two nodes on s1 (a reactive service over REST); h1 sends
h2 steady UDP flows, which the controller spreads over the nodes. A watcher on each node's link records which
node each flow (source port) reaches. Then one node's agent and containers are killed (net.killNode), as a crash
would. Holds when every flow of the dead node reaches the survivor, and no flow of the survivor ever reaches
another node.
"""

import sys
import time

from netservnet.scenarios import common, flows, pool

WHY = 'every flow of the killed node reached the survivor, no other flow moved'
DESCRIPTION = 'kill a node: its flows move to the other node, no other flow moves (thesis 8.3, several nodes)'


def run(options, report=None):
    return pool.run(sys.modules[__name__], options, report)


def experiment(net, nodes, count, short):
    """Places the flows, kills the node carrying the most, and watches where every flow goes."""
    watch = flows.NodeWatch(net, pool.PORT)
    sports = flows.measured_stream(net, 'h1', 'h2', pool.PORT, count, pool.PERIOD, 20000)
    try:
        before = flows.steady_placement(watch, sports)
        victim = max(nodes, key=lambda n: flows.count_on(before, n))
        survivor = next(n for n in nodes if n != victim)
        moving = {p for p, at in before.items() if at == victim}
        print('%s carries %d flows; killing it' % (victim, len(moving)), flush=True)
        killed_at = time.time()
        net.killNode(victim)
        arrived = flows.wait_moved(watch, moving, survivor, killed_at)
        time.sleep(2)  # a late move of one of the survivor's flows would show
        after = watch.seen()
    finally:
        sent = flows.measured_stream_stop(net)
        watch.stop()
    staying = {p for p, at in before.items() if at == survivor}
    return {'victim': victim, 'survivor': survivor, 'before': before, 'killed_at': killed_at,
            'sent': sent['sent'], 'received': sent['received'],
            'moved': sorted(arrived), 'never': sorted(moving - set(arrived)),
            'slowest_ms': round(max(arrived.values()) * 1000) if arrived else None,
            'strays': sorted(p for p in staying if any(p in seen for n, seen in after.items() if n != survivor)),
            'survivor_kept': sorted(flows.on_node(after, survivor, staying, since=killed_at + 1))}


def print_table(report):
    victim, survivor, before = report['victim'], report['survivor'], report['before']
    on = {n: flows.count_on(before, n) for n in (victim, survivor)}
    common.table(['node', 'flows before', 'flows after the kill', 'moved in', 'moved away'], [
        (victim + ' (killed)', on[victim], 0, 0, len(report['moved'])),
        (survivor, on[survivor], len(report['survivor_kept']) + len(report['moved']), len(report['moved']),
         len(report['strays']))])
    print('the killed node\'s flows reached %s at most %s ms after the kill; %d never did'
          % (survivor, report['slowest_ms'], len(report['never'])))
    print('h2 received %d of the %d packets sent (lost: those in flight to the killed node)'
          % (report['received'], report['sent']))


def checks(report):
    staying = flows.count_on(report['before'], report['survivor'])
    return [('the killed node carried flows', len(report['moved']) + len(report['never']) > 0),
            ('every flow of the killed node reached %s (%d did not)' % (report['survivor'], len(report['never'])),
             not report['never']),
            ('no flow of %s reached another node (%d did)' % (report['survivor'], len(report['strays'])),
             not report['strays']),
            ('every flow of %s still reached it after the kill (%d of %d)' % (report['survivor'],
                                                                             len(report['survivor_kept']), staying),
             len(report['survivor_kept']) == staying)]
