"""Scenarios the Java integration tests run against an in-process controller.

Usage: scenario.py pingall --controller HOST:PORT --protocols OpenFlow13 --topo single --hosts 3
Prints human-readable progress, then one line 'RESULT <json>' for the test to parse. Exit 0 when the
scenario ran (the test judges the result), non-zero when it could not run.
"""

import argparse
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from mininet.log import setLogLevel  # noqa: E402

from netservof import fabric  # noqa: E402


def pingall(args):
    prefix = args.prefix or fabric.run_prefix()
    fabric.remove_leftovers(prefix)
    net = fabric.build(args.topo, prefix, args.protocols, args.controller, hosts=args.hosts)
    try:
        net.build()
        net.start()
        fabric.disable_offloads(net)
        connected = net.waitConnected(timeout=30)
        loss = net.pingAll(timeout=2)
        return {'connected': bool(connected), 'loss': loss, 'hosts': [h.name for h in net.hosts],
                'switches': fabric.switch_names(net)}
    finally:
        net.stop()
        fabric.remove_leftovers(prefix)


def main():
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest='scenario', required=True)
    p = sub.add_parser('pingall')
    p.add_argument('--controller', required=True)
    p.add_argument('--protocols', default='OpenFlow13')
    p.add_argument('--topo', default='single')
    p.add_argument('--hosts', type=int, default=3)
    p.add_argument('--prefix')
    args = parser.parse_args()
    setLogLevel('info')
    result = {'pingall': pingall}[args.scenario](args)
    print('RESULT ' + json.dumps(result), flush=True)


if __name__ == '__main__':
    main()
