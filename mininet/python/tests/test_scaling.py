"""Lateral scaling, measured (issue 19): the scaling scenario's short form (a pool of 1, 2 and 4 PacedForwarder
nodes under overload) must hold its goals and write its JSON and plot; the goals' arithmetic is checked on
its own too, so that a scenario that 'holds' cannot do so by a judge that never fails."""

import argparse
import json
import os

from netservnet import scaling_report
from netservnet.scenarios import scaling


class FakeWindow:
    """A measured window: a delivered rate and, per node, the packets of each source port."""

    def __init__(self, delivered_pps, per_node):
        self.seconds, self.delivered_pps, self.per_node = 3.0, delivered_pps, per_node

    def placement(self):
        return {s: n for n, flows in self.per_node.items() for s in flows}


def rows_of(windows):
    rows, placement, pool = [], None, []
    for nodes, window in windows:
        row, placement = scaling_report.phase_row(nodes, window, placement, [n for n in nodes if n not in pool])
        rows.append(row)
        pool = nodes
    return rows


def test_the_judge_fails_a_short_pool_and_a_needless_move_and_spares_a_switch_limit():
    one = FakeWindow(250, {'n1': {1: 9, 2: 9, 3: 9, 4: 9}})
    grown = FakeWindow(500, {'n1': {1: 9, 2: 9}, 'n2': {3: 9, 4: 9}})
    assert scaling_report.judge(rows_of([(['n1'], one), (['n1', 'n2'], grown)]), 2000, 250, 4)['holds']

    short = FakeWindow(400, grown.per_node)
    assert not scaling_report.judge(rows_of([(['n1'], one), (['n1', 'n2'], short)]), 2000, 250, 4)['holds']
    capped = scaling_report.judge(rows_of([(['n1'], one), (['n1', 'n2'], short)]), 420, 250, 4)
    assert capped['holds'] and capped['baseline_pps'] == 420

    three = FakeWindow(750, {'n1': {1: 9}, 'n2': {2: 9, 3: 9}, 'n3': {4: 9}})
    moved_between_old = scaling_report.judge(rows_of([(['n1'], one), (['n1', 'n2'], grown),
                                                      (['n1', 'n2', 'n3'], three)]), 2000, 250, 4)
    assert not moved_between_old['holds']
    assert any('between old nodes' in f for f in moved_between_old['failures'])


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
