"""`./netserv demo`: the controller and a Mininet network through it, with traffic; exit 0 on success.

Until the NetServ mission exists, the demo is: one switch, three hosts, pingall on OpenFlow 1.3.
"""

import argparse
import os
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from mininet.log import setLogLevel  # noqa: E402

from netservof import fabric  # noqa: E402
from netservof.controller import ControllerProcess, free_port  # noqa: E402


def main():
    parser = argparse.ArgumentParser(prog='netserv demo', description=__doc__)
    parser.add_argument('--protocols', default='OpenFlow13', help='OVS protocol list (default OpenFlow13)')
    parser.add_argument('--hosts', type=int, default=3, help='hosts on the switch (default 3)')
    args = parser.parse_args()
    setLogLevel('warning')

    log_path = os.path.join(tempfile.mkdtemp(prefix='netserv-demo-'), 'controller.log')
    controller = ControllerProcess(free_port(), log_path)
    prefix = fabric.run_prefix()
    ok = False
    try:
        print('controller starting on %s (log: %s)' % (controller.address, log_path), flush=True)
        controller.wait_listening()
        net = fabric.build('single', prefix, args.protocols, controller.address, hosts=args.hosts)
        try:
            net.build()
            net.start()
            fabric.disable_offloads(net)
            if not net.waitConnected(timeout=30):
                print('switch did not connect to the controller')
                return 1
            print('network: 1 switch (%s), %d hosts, %s' % (net.switches[0].name, len(net.hosts), args.protocols))
            pairs, received = 0, 0
            for src in net.hosts:
                for dst in net.hosts:
                    if src is dst:
                        continue
                    out = src.cmd('ping -c1 -W2 %s' % dst.IP())
                    got = ' 0% packet loss' in out
                    pairs += 1
                    received += got
                    print('  %s -> %s  %s' % (src.name, dst.name, 'ok' if got else 'LOST'))
            loss = 100.0 * (pairs - received) / pairs
            print('pingall: %d/%d received, %.0f%% loss' % (received, pairs, loss))
            flows = net.switches[0].dpctl('dump-flows', '-O', args.protocols)
            print('entries on %s: %d' % (net.switches[0].name, flows.count('cookie=')))
            ok = received == pairs
        finally:
            net.stop()
            fabric.remove_leftovers(prefix)
    finally:
        code = controller.stop()
        print('controller stopped (exit %s)' % code)
    print('demo %s' % ('succeeded' if ok else 'FAILED'))
    return 0 if ok else 1


if __name__ == '__main__':
    sys.exit(main())
