"""What the scaling scenario concludes from its windows: one row per pool size (delivered rate, the spread of
flows over the nodes, the flows that moved since the previous size), the goals checked against them, a
table, the JSON result and the plot. Pure functions of the measurements (no network), so that the goals'
arithmetic is tested on its own.

The goals (issue 19): delivered throughput within 10% of N x one node until the switch is the limit, and at most
1/N of the flows moved per added node. "The switch is the limit" is measured at each size, not assumed: the
switch counts what it sent to each node (its port statistics); a node never refuses a packet (PacedForwarder
drops only after receiving it), so when more than 10% of the offered load did not reach any node, the fabric (the
switch, or the links and hosts around it) lost it, and that size is marked switch-limited: its throughput is
reported against what the nodes could serve of what reached them (the sum over the nodes of min(one node, its
arrivals)), and the 10% goal is not applied to it. A size that is not switch-limited must deliver 90% of N x one
node. The same load sent with no service at all (the switch-only baseline) is reported beside it. The moves are
placements by rendezvous hashing, so the number moved is binomial around flows x added/N: the bound allows three
standard deviations above that, and every moved flow must have gone to a node that was just added (a flow moving
between two old nodes is a needless move, whatever the count)."""

import json
import math
import os

TOLERANCE = 0.10


def phase_row(nodes, window, previous, added):
    """The row of pool size `nodes` (a list of node names in the pool) from its window; previous is the
    previous size's placement ({source port: node}) or None; added the nodes new at this size."""
    placement = window.placement()
    spread = {n: {'flows': sum(1 for v in placement.values() if v == n),
                  'arrivals_pps': round(window.arrivals_pps.get(n, 0.0), 1)} for n in nodes}
    row = {'nodes': len(nodes), 'delivered_pps': round(window.delivered_pps, 1), 'seconds': round(window.seconds, 2),
           'reached_pps': round(sum(v['arrivals_pps'] for v in spread.values()), 1),
           'flows_seen': len(placement), 'spread': spread, 'outside_pool': sorted(set(placement.values()) - set(nodes)),
           'added': list(added), 'moved': None, 'moved_to_old_node': None}
    if previous is not None:
        moved = [s for s, n in placement.items() if s in previous and previous[s] != n]
        row['moved'] = len(moved)
        row['moved_to_old_node'] = sum(1 for s in moved if placement[s] not in added)
        row['moved_fraction'] = round(len(moved) / max(1, len(placement)), 3)
    return row, placement


def moved_bound(flows, added, size):
    """The most flows an addition of `added` nodes to a pool of `size` (after) may move: flows x added/size,
    plus three binomial standard deviations."""
    p = added / size
    return flows * p + 3 * math.sqrt(flows * p * (1 - p))


def judge(rows, baseline_pps, nominal_pps, flows, offered_pps):
    """Checks the goals on the rows (in place: each gets ideal_pps, servable_pps, switch_limited, throughput_ok,
    moves_ok); answers the goals' summary with 'holds' and the failures in words."""
    one = rows[0]['delivered_pps']
    failures = []
    if abs(one - nominal_pps) > TOLERANCE * nominal_pps:
        failures.append('one node delivered %.0f/s, not within 10%% of its capacity %.0f/s' % (one, nominal_pps))
    for i, row in enumerate(rows):
        throughput(row, one, offered_pps, failures)
        if row['outside_pool'] or row['flows_seen'] < flows:
            failures.append('%d nodes: %d of %d flows seen in the pool, %s outside it'
                            % (row['nodes'], row['flows_seen'], flows, row['outside_pool']))
        if i > 0:
            row['moved_bound'] = round(moved_bound(flows, len(row['added']), row['nodes']), 1)
            row['moves_ok'] = row['moved'] <= row['moved_bound'] and row['moved_to_old_node'] == 0
            if not row['moves_ok']:
                failures.append('%d nodes: %d flows moved (at most %.0f), %d of them between old nodes'
                                % (row['nodes'], row['moved'], row['moved_bound'], row['moved_to_old_node']))
    return {'one_node_pps': one, 'nominal_pps': nominal_pps, 'baseline_pps': round(baseline_pps, 1),
            'offered_pps': offered_pps, 'failures': failures, 'holds': not failures}


def throughput(row, one, offered_pps, failures):
    """The throughput goal of one row (see the module's docstring)."""
    row['ideal_pps'] = round(row['nodes'] * one, 1)
    row['servable_pps'] = round(sum(min(one, v['arrivals_pps']) for v in row['spread'].values()), 1)
    row['switch_limited'] = row['reached_pps'] < (1 - TOLERANCE) * offered_pps
    row['limit_pps'] = row['servable_pps'] if row['switch_limited'] else row['ideal_pps']
    row['throughput_ok'] = row['switch_limited'] or row['delivered_pps'] >= (1 - TOLERANCE) * row['ideal_pps']
    if not row['throughput_ok']:
        failures.append('%d nodes delivered %.0f/s, under 90%% of %.0f/s' % (row['nodes'], row['delivered_pps'],
                                                                           row['ideal_pps']))


def table(rows):
    """The rows as a text table."""
    lines = ['nodes  delivered/s  N x one/s  reached/s  ratio  flows per node                  moved (bound)']
    for row in rows:
        spread = ' '.join(str(s['flows']) for s in row['spread'].values())
        moved = '-' if row['moved'] is None else '%d (%.0f)' % (row['moved'], row['moved_bound'])
        lines.append('%5d  %11.0f  %9.0f  %9.0f  %5.2f  %-30s  %s%s' % (
            row['nodes'], row['delivered_pps'], row['ideal_pps'], row['reached_pps'],
            row['delivered_pps'] / row['limit_pps'], spread, moved,
            '  switch-limited' if row['switch_limited'] else ''))
    return '\n'.join(lines)


def write(out_dir, result):
    """scaling.json and scaling.png under out_dir; answers their paths."""
    os.makedirs(out_dir, exist_ok=True)
    json_path, png_path = os.path.join(out_dir, 'scaling.json'), os.path.join(out_dir, 'scaling.png')
    with open(json_path, 'w') as f:
        json.dump(result, f, indent=2, sort_keys=True)
    plot(png_path, result)
    return json_path, png_path


def plot(path, result):
    """Delivered rate against pool size with N x one node, what reached the pool and the switch-only baseline;
    the flows moved at each addition against their expectation and bound."""
    import matplotlib
    matplotlib.use('Agg')
    import matplotlib.pyplot as plt
    rows = result['rows']
    sizes = [r['nodes'] for r in rows]
    fig, (rate, moves) = plt.subplots(1, 2, figsize=(10, 4))
    rate.plot(sizes, [r['delivered_pps'] for r in rows], 'o-', label='delivered')
    rate.plot(sizes, [r['ideal_pps'] for r in rows], '--', label='N x one node')
    rate.plot(sizes, [r['reached_pps'] for r in rows], 's:', color='grey', label='reached the pool (offered %.0f)'
              % result['goals']['offered_pps'])
    limited = [r for r in rows if r['switch_limited']]
    if limited:
        rate.plot([r['nodes'] for r in limited], [r['delivered_pps'] for r in limited], 'rx', markersize=10,
                  label='switch-limited')
    rate.axhline(result['goals']['baseline_pps'], color='grey', linestyle='--', linewidth=0.8,
                 label='switch only (same load)')
    rate.set(xlabel='nodes in the pool', ylabel='packets/s at the receiver', title='Throughput', ylim=(0, None),
             xticks=sizes)
    rate.legend(fontsize=8, loc='center right')
    later = rows[1:]
    moves.bar([r['nodes'] for r in later], [r['moved'] for r in later], label='flows moved')
    moves.plot([r['nodes'] for r in later], [result['flows'] * len(r['added']) / r['nodes'] for r in later], 'k_',
               markersize=20, label='flows x added/N')
    moves.plot([r['nodes'] for r in later], [r['moved_bound'] for r in later], 'r_', markersize=20,
               label='bound (+ 3 sd)')
    moves.set(xlabel='nodes in the pool after the addition', ylabel='flows', title='Flows moved (of %d)'
              % result['flows'], xticks=[r['nodes'] for r in later])
    moves.legend()
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)
