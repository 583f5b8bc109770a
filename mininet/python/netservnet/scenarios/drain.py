"""drain: take a service node out of service gently (POST /netserv/v1/nodes/{id}/drain).

With several NetServ nodes on a switch (thesis section 8.3, "different flows can be assigned to different NetServ
nodes") an operator must be able to take one out for maintenance without breaking what it carries. An operator
runs NetMonitor for alice on a pool of two nodes on s1 (a reactive service over REST); h1 sends h2 steady UDP
flows, spread over the nodes. The operator drains one node over REST; the flows keep going for a while, then h1
starts new flows. A watcher on each node's link records which node each flow (source port) reaches. Holds when
the drained node's flows stay on it until they end (none moves), and every new flow goes to the other node.
"""

import sys
import time

from netservnet.scenarios import common, flows, pool

WHY = 'the drained node kept its flows until they ended, every new flow went to the other node'
DESCRIPTION = 'drain a node over REST: its flows stay until they end, new flows go to the other node'


def run(options, report=None):
    return pool.run(sys.modules[__name__], options, report)


def experiment(net, nodes, count, short):
    """Places the flows, drains the node carrying the most, then starts as many new flows and lets all run for a
    few seconds."""
    seconds = 3 if short else 6
    watch = flows.NodeWatch(net, pool.PORT)
    old = flows.measured_stream(net, 'h1', 'h2', pool.PORT, count, pool.PERIOD, 20000)
    new = None
    try:
        before = flows.steady_placement(watch, old)
        drained = max(nodes, key=lambda n: flows.count_on(before, n))
        other = next(n for n in nodes if n != drained)
        print('%s carries %d flows; draining it over REST' % (drained, flows.count_on(before, drained)), flush=True)
        drained_at = time.time()
        state = net.drainNode(drained)
        new = flows.Stream(net.host('h1'), net.hosts_ip('h2'), pool.PORT, count, pool.PERIOD, 21000)
        time.sleep(seconds)
        seen = watch.seen()
    finally:
        flows.measured_stream_stop(net)
        if new:
            new.stop()
        watch.stop()
    return {'drained': drained, 'other': other, 'state': (state or {}).get('state'), 'before': before,
            'seconds': seconds, **outcome(seen, before, set(new.sports), drained, other, drained_at + seconds - 1)}


def outcome(seen, before, new_sports, drained, other, late):
    """Where the old flows of each node went and where the new flows went, from the watchers' record; `late` is
    a time well after the drain, by which every old flow should still be arriving where it was."""
    old = {n: {p for p, at in before.items() if at == n} for n in (drained, other)}
    where_new = flows.placement(seen, new_sports)
    return {'old_kept': {n: sorted(flows.on_node(seen, n, old[n], since=late)) for n in old},
            'old_moved': sorted(p for n in old for p in old[n]
                                if any(p in s for m, s in seen.items() if m != n)),
            'new_on': {n: sorted(p for p, at in where_new.items() if n in at) for n in (drained, other)},
            'new_lost': sorted(p for p, at in where_new.items() if not at)}


def print_table(report):
    d, o = report['drained'], report['other']
    on = {n: flows.count_on(report['before'], n) for n in (d, o)}
    common.table(['node', 'old flows', 'old flows still there %d s later' % report['seconds'], 'new flows'], [
        ('%s (%s)' % (d, report['state']), on[d], len(report['old_kept'][d]), len(report['new_on'][d])),
        (o, on[o], len(report['old_kept'][o]), len(report['new_on'][o]))])
    print('old flows that changed node: %d; new flows that reached no node: %d'
          % (len(report['old_moved']), len(report['new_lost'])))


def checks(report):
    d, o = report['drained'], report['other']
    on = {n: flows.count_on(report['before'], n) for n in (d, o)}
    return [('%s is draining (REST says %s)' % (d, report['state']), report['state'] == 'draining'),
            ('%s carried flows before the drain' % d, on[d] > 0),
            ('no old flow changed node (%d did)' % len(report['old_moved']), not report['old_moved']),
            ('every old flow still reached its node %d s later' % report['seconds'],
             all(len(report['old_kept'][n]) == on[n] for n in (d, o))),
            ('no new flow reached %s (%d did)' % (d, len(report['new_on'][d])), not report['new_on'][d]),
            ('every new flow reached a node (%d did not)' % len(report['new_lost']), not report['new_lost']),
            ('new flows reached %s' % o, len(report['new_on'][o]) > 0)]
