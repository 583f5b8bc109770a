"""The overload-control scenario's short form on a real NetServ network in Mininet (controller, Open vSwitch,
a node agent, the OverloadControl module, sip_load.py's server, load generator and attacker): a load above the
SIP server's stated rate, the server sees at most its rate within the stated tolerance and the excess gets 503
from the node; a lower rate sent at run time by a signed SETUP takes effect; an attacker's malformed and
non-SIP datagrams to the SIP port are passed or dropped by the module's rule and the bound still holds."""

from mininet.log import setLogLevel

from netservnet import demo
from netservnet.scenarios import SCENARIOS
from netservnet.scenarios import overload_control as oc


def short_run():
    setLogLevel('warning')
    options = demo.parser_for('overload-control').parse_args(['--scenario', 'overload-control', '--short'])
    report = {}
    return SCENARIOS['overload-control'].run(options, report), report


def test_the_demo_lists_overload_control(capsys):
    assert demo.main(['--list']) == 0
    assert 'overload-control' in capsys.readouterr().out


def test_overload_control_holds_the_server_to_its_rate_and_takes_a_lower_one_at_run_time():
    held, report = short_run()
    assert held, report
    assert report['setup'] == 200 and report['feedback']['status'] == 200
    rows = {r['name'] + ' %d' % r['rate']: r for r in report['rows']}
    for name in ('peer, no module 100', 'peer, no module 200'):
        assert rows[name]['served'] >= 0.98 * rows[name]['offered'] and rows[name]['rejected'] == 0, rows[name]
    for name, limit in (('OverloadControl 100', oc.RATE), ('OverloadControl 200', oc.RATE),
                        ('after feedback 200', oc.LOWER), ('under attack 200', oc.LOWER)):
        r = rows[name]
        assert r['limit'] == limit
        assert r['served'] <= limit * r['seconds'] * 1.10 + oc.BURST, r
        assert r['rejected'] > 0 and r['served'] + r['rejected'] >= 0.98 * r['offered'], r
    module = report['module']
    assert abs(module['rejected'] - sum(r['rejected'] for r in report['rows'])) <= 0.02 * module['rejected']
    attack = rows['under attack 200']['attack']['sent']
    assert set(attack) == set(oc.ATTACK.split(',')) and min(attack.values()) > 0
    assert module['dropped'] > 0 and module['other'] >= 0.98 * attack['not-sip'], module
