"""The thesis scenarios of `./netserv demo` in their short form, each on a real NetServ network in Mininet
(controller, Open vSwitch, node agents, the project's modules): each must hold, and what it measured must say
so. The keepalive one runs through the command line itself, as the README's main command does."""

import os
import re
import subprocess
import types

from mininet.log import setLogLevel

from netservnet import demo
from netservnet.scenarios import SCENARIOS
from netservof.controller import ROOT


def short_run(name):
    """Runs a scenario's short form in this process; answers (held, what it measured)."""
    setLogLevel('warning')
    options = demo.parser_for(name).parse_args(['--scenario', name, '--short'])
    report = {}
    return SCENARIOS[name].run(options, report), report


def scripted(outcome):
    """A stand-in scenario whose run answers outcome (or raises it), to check the demo's exit code alone."""
    def run(options):
        if isinstance(outcome, Exception):
            raise outcome
        return outcome
    return types.SimpleNamespace(DESCRIPTION='a stand-in', run=run)


def test_the_demo_exits_0_only_when_the_scenario_holds(monkeypatch, capsys):
    for name, outcome, code in (('held', True, 0), ('failed', False, 1), ('broke', RuntimeError('half-way'), 1)):
        monkeypatch.setitem(SCENARIOS, name, scripted(outcome))
        assert demo.main(['--scenario', name]) == code, name
    assert 'scenario broke FAILED: half-way' in capsys.readouterr().out
    assert demo.main(['--list']) == 0
    listed = capsys.readouterr().out
    assert all(name in listed for name in ('keepalive', 'netmonitor', 'ratelimit', 'failover', 'drain'))


def test_keepalive_through_the_demo_command():
    run = subprocess.run([os.path.join(ROOT, 'netserv'), 'demo', '--scenario', 'keepalive', '--short'],
                         capture_output=True, text=True, timeout=240)
    out = run.stdout + run.stderr
    assert run.returncode == 0, out
    rows = {m.group(1).strip(): tuple(map(int, m.group(2, 3, 4)))
            for m in re.finditer(r'^(before SETUP|with KeepAliveResponder|after REMOVE)\s+(\d+)\s+(\d+)\s+(\d+)$',
                                 out, re.M)}
    assert rows == {'before SETUP': (3, 0, 3), 'with KeepAliveResponder': (3, 3, 0), 'after REMOVE': (3, 0, 3)}, out
    assert 'keepalive holds' in out


def test_netmonitor_counts_exactly_what_each_source_sent():
    held, report = short_run('netmonitor')
    assert held, report
    assert report['setup'] == 200
    assert report['sent'] == {'h1': 15, 'h3': 6}
    assert report['counted'] == {'d1': {'h1': 15, 'h3': 6}}
    assert report['module_total'] == {'d1': 21}
    assert report['received'] == {5060: 21, 5061: 21}


def test_ratelimit_caps_a_flow_above_the_rate_and_passes_one_below():
    held, report = short_run('ratelimit')
    assert held, report
    below, above = report['below'], report['above']
    assert below['received'] == below['sent'] > 100
    assert above['sent'] > 2 * above['expected']
    assert abs(above['received'] - above['expected']) <= 0.10 * above['expected']
    assert below['dropped'] == 0 and below['passed'] == below['received']
    assert above['passed'] == above['received'] and above['dropped'] > 0


def test_failover_moves_the_killed_nodes_flows_and_no_other():
    held, report = short_run('failover')
    assert held, report
    victim = [p for p, at in report['before'].items() if at == report['victim']]
    assert sorted(report['moved']) == sorted(victim) and victim
    assert report['never'] == [] and report['strays'] == []
    assert len(report['survivor_kept']) == len(report['before']) - len(victim)


def test_drain_keeps_old_flows_and_sends_new_ones_elsewhere():
    held, report = short_run('drain')
    assert held, report
    drained, other = report['drained'], report['other']
    assert report['state'] == 'draining'
    assert report['old_moved'] == []
    assert len(report['old_kept'][drained]) == sum(1 for at in report['before'].values() if at == drained) > 0
    assert report['new_on'][drained] == [] and len(report['new_on'][other]) == 12


def test_media_relay_carries_media_between_hosts_cut_off_from_each_other():
    held, report = short_run('media-relay')
    assert held, report
    assert report['addresses'] == ['10.0.0.100']
    assert report['direct']['sent'] == 30 and report['direct']['echoed'] >= 29
    assert report['direct_cut']['echoed'] == 0
    assert report['relay']['echoed'] >= 29 and report['relay']['data_from'].keys() == {'10.0.0.2:5004'}
    assert any(s.startswith('10.0.0.100:4915') for s in report['echo']['senders'])
    assert report['module']['dropped'] > 0 and report['module']['relayed-to-peers'] >= report['relay']['echoed']


def test_activecdn_serves_the_second_request_from_the_node_without_the_origin():
    held, report = short_run('activecdn')
    assert held, report
    first, later = report['cdn'][0], report['cdn'][1:]
    assert first['status'] == 200 and first['x_cache'] == 'MISS' and first['bytes'] == 50000
    assert later and all(f['status'] == 200 and f['x_cache'] == 'HIT' and f['bytes'] == 50000 for f in later)
    assert report['origin_got'] == 1
    hostile = report['hostile']
    assert (hostile['traversal'], hostile['other_host'], hostile['long_line']) == (400, 400, 414)
