"""Lateral scaling, measured (issue 19): the scaling scenario's short form (a pool of 1, 2 and 4 PacedForwarder
nodes under overload) must hold its goals and write its JSON and plot; the goals' arithmetic is checked on
its own too, so that a scenario that 'holds' cannot do so by a judge that never fails."""

import argparse
import json
import os

from netservnet import scaling_report
from netservnet.scenarios import scaling


class FakeWindow:
    """A measured second: a delivered rate and, per node, the packets of each source port that reached it."""

    def __init__(self, delivered_pps, per_node):
        self.seconds, self.delivered_pps, self.per_node = 1.0, delivered_pps, per_node
        self.arrivals_pps = {n: sum(flows.values()) for n, flows in per_node.items()}

    def placement(self):
        return {s: n for n, flows in self.per_node.items() for s in flows}


def judged(*windows):
    """The judge's verdict on growing pools n1, n1+n2, ... measured by windows: one node serves 250/s, 500/s
    offered over 4 flows."""
    rows, placement, pool = [], None, []
    for window in windows:
        nodes = sorted(window.per_node)
        row, placement = scaling_report.phase_row(nodes, window, placement, [n for n in nodes if n not in pool])
        rows.append(row)
        pool = nodes
    return scaling_report.judge(rows, 500, 250, 4, 500)


ONE = FakeWindow(250, {'n1': {1: 125, 2: 125, 3: 125, 4: 125}})
TWO = FakeWindow(500, {'n1': {1: 125, 2: 125}, 'n2': {3: 125, 4: 125}})


def test_the_judge_fails_a_short_pool_and_a_needless_move_and_spares_a_switch_limit():
    assert judged(ONE, TWO)['holds']
    short = judged(ONE, FakeWindow(400, TWO.per_node))
    assert not short['holds'] and short['failures'] == ['2 nodes delivered 400/s, under 90% of 500/s']
    starved = FakeWindow(300, {'n1': {1: 80, 2: 80}, 'n2': {3: 80, 4: 80}})
    assert judged(ONE, starved)['holds'], 'a third of the load lost before the pool: the switch is the limit'
    three = FakeWindow(750, {'n1': {1: 125}, 'n2': {2: 125, 3: 125}, 'n3': {4: 125}})
    needless = judged(ONE, TWO, three)
    assert not needless['holds'] and 'between old nodes' in needless['failures'][0]


def test_scaling_short_form_holds_and_writes_its_json_and_plot(tmp_path):
    options = argparse.Namespace(topo=None, keep=False, short=True, protocols='OpenFlow13', out=str(tmp_path))
    held = scaling.run(options)
    with open(os.path.join(str(tmp_path), 'scaling.json')) as f:
        result = json.load(f)
    assert os.path.getsize(os.path.join(str(tmp_path), 'scaling.png')) > 0
    assert [r['nodes'] for r in result['rows']] == [1, 2, 4]
    assert result['goals']['failures'] == [] and held
    for row in result['rows']:
        assert row['throughput_ok'] and row['flows_seen'] == result['flows']
        assert sum(s['flows'] for s in row['spread'].values()) == result['flows']
    for row in result['rows'][1:]:
        assert row['moves_ok'] and row['moved_to_old_node'] == 0 and row['moved'] > 0
