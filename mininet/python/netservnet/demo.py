"""`./netserv demo [--scenario NAME] [--topo NAME] [--keep] [--short]`: one of the thesis scenarios on a NetServ
network in Mininet (netservnet.scenarios), KeepAlive by default. Each prints what it shows as a table and holds or
not; the exit code is 0 only when it held. --keep opens Mininet's CLI on the running network before teardown;
the network is torn down in every case (its processes by PID, its bridges and interfaces by name).
"""

import argparse
import os
import sys
import traceback

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from mininet.log import setLogLevel  # noqa: E402

from netservnet import topos  # noqa: E402
from netservnet.scenarios import SCENARIOS  # noqa: E402

DEFAULT = 'keepalive'


def parser_for(scenario, add_help=True):
    """The common options, and the scenario's own (its add_arguments), so --help shows what it takes."""
    parser = argparse.ArgumentParser(prog='netserv demo', description=__doc__, add_help=add_help,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--scenario', default=DEFAULT, choices=sorted(SCENARIOS),
                        help='the scenario to run (default %s; --list describes them)' % DEFAULT)
    parser.add_argument('--list', action='store_true', help='list the scenarios and what each shows, and exit')
    parser.add_argument('--topo', choices=sorted(topos.topos),
                        help="run on this topology instead of the scenario's own (its hosts h1, h2, ...)")
    parser.add_argument('--keep', action='store_true',
                        help="open Mininet's CLI on the running network before teardown (names are then plain:"
                             " h1, s1, n1)")
    parser.add_argument('--short', action='store_true', help='the short form (fewer packets; what the tests run)')
    parser.add_argument('--protocols', default='OpenFlow13', help='OVS protocol list (default OpenFlow13)')
    module = SCENARIOS.get(scenario)
    if module is not None and hasattr(module, 'add_arguments'):
        module.add_arguments(parser.add_argument_group('%s options' % scenario))
    return parser


def list_scenarios():
    width = max(len(name) for name in SCENARIOS)
    for name, module in SCENARIOS.items():
        print('%-*s  %s%s' % (width, name, module.DESCRIPTION, ' (default)' if name == DEFAULT else ''))


def main(argv=None):
    first, _ = parser_for(None, add_help=False).parse_known_args(argv)
    options = parser_for(first.scenario).parse_args(argv)
    if options.list:
        list_scenarios()
        return 0
    setLogLevel('warning')
    print('scenario %s: %s' % (options.scenario, SCENARIOS[options.scenario].DESCRIPTION), flush=True)
    try:
        held = SCENARIOS[options.scenario].run(options)
    except Exception as e:  # the network is down already (the scenario's `with`); say why, exit non-zero
        if not isinstance(e, ValueError):  # a ValueError is the experimenter's to fix, its message says how
            traceback.print_exc()
        print('scenario %s FAILED: %s' % (options.scenario, e), flush=True)
        held = False
    return 0 if held else 1


if __name__ == '__main__':
    sys.exit(main())
