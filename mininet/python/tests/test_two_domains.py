"""Two NetServ domains in a row (issue 19, scenario two-domains): one SETUP is acted on by both controllers, both
entries come back in the response stack (the last domain's first), and the traffic visits both nodes."""

import argparse

from netservnet.scenarios import two_domains


def test_one_setup_installs_in_both_domains_and_the_traffic_visits_both_nodes(capsys):
    held = two_domains.run(argparse.Namespace(topo=None, keep=False, short=True, protocols='OpenFlow13'))
    out = capsys.readouterr().out
    assert 'stack d2 200 installed on n2' in out and 'd1 200 installed on n1' in out
    assert "NetMonitor counted {'n1': 8, 'n2': 8}" in out
    assert held, out
