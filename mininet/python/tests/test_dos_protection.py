"""The dos-protection scenario's short form on a real network (three NetServ domains, their controllers, node agents,
Open vSwitch, the manager in a Mininet host signaling with SignalMain): it must hold, and what it measured must say
why: the limiters where each attack enters, the legitimate host's packets through, and nothing left after."""

import re

from mininet.log import setLogLevel

from netservnet import demo
from netservnet.scenarios import SCENARIOS, dos_protection


def test_dos_protection_limits_the_attack_where_it_enters_and_leaves_nothing_behind():
    setLogLevel('warning')
    options = demo.parser_for('dos-protection').parse_args(['--scenario', 'dos-protection', '--short'])
    report = {}
    held = SCENARIOS['dos-protection'].run(options, report)
    timeline = '\n'.join(report.get('timeline', []))
    assert held, timeline
    for source, node, domain in (('10.0.0.1', 'n1', 'd1'), ('10.0.0.3', 'n3', 'd3')):
        assert re.search(r'SETUP RateLimiter_1.0 toward %s: the attack from %s enters at %s \(%s\)'
                         % (re.escape(source), re.escape(source), node, domain), timeline), timeline
    assert 'toward 10.0.0.4' not in timeline, 'the legitimate host is never taken for a direction'
    assert report['peer']['attack_pps'] > 3 * report['defended']['attack_pps'], report
    assert report['defended']['legit_share'] >= dos_protection.LEGIT_FRACTION, report
    assert report['all_gone'] and report['left'] == {} and report['steering_left'] == {}, report
