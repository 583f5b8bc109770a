#!/usr/bin/python3
"""My own topology with two NetServ services: the script docs/experimenters.md walks through.

Three switches in a line, s1 - s2 - s3; h1 on s1, h2 and h3 on s3; two service nodes, n1 on s1 and n2 on s2,
in one pool. User alice runs two services on the nodes:
  1. NetMonitor on her UDP traffic to h2 port 5060: the nodes count every packet, and h2 still gets them all;
  2. KeepAliveResponder on SIP keep-alives to h3 (a SIP server) port 5060: the nodes answer them on h3's
     behalf, and h3 sees none. With --module NAME --module-dir DIR your own module NAME (DIR/NAME.jar) takes
     this place instead, on UDP to h3 port 5060: h3 still gets every packet, and the module reports.
It prints what each service did and exits 0 only when both did what they promise. Afterwards, --hold SECONDS
keeps the network up (until then, or until Ctrl-C or SIGTERM) and writes what you need to look at it into
--env FILE (a shell file); --keep opens Mininet's command line instead.

Run it as root with /usr/bin/python3 (Mininet's Python API is there), after the build (./netserv build).
"""

import argparse
import os
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(HERE)), 'mininet', 'python'))

from mininet.log import setLogLevel  # noqa: E402
from mininet.topo import Topo  # noqa: E402

from netservnet import NetServNet  # noqa: E402

# A prefix for every name the network puts on the machine (bridges, interfaces): '' gives s1, s2, h1. The
# tutorial's test sets one, so that its run never meets another network of plain names.
PREFIX = os.environ.get('NETSERV_PREFIX', '')
FLOWS, PACKETS = 10, 3


class MyTopo(Topo):
    """Any Mininet topology will do; this one is a line of three switches with three hosts. DPIDs are given
    because names with a prefix carry no number Mininet could use."""

    def build(self, prefix=''):
        s1, s2, s3 = (self.addSwitch(prefix + 's%d' % i, dpid='%016x' % i) for i in (1, 2, 3))
        self.addLink(s1, s2)
        self.addLink(s2, s3)
        self.addLink(self.addHost(prefix + 'h1', ip='10.0.0.1/24'), s1)
        self.addLink(self.addHost(prefix + 'h2', ip='10.0.0.2/24'), s3)
        self.addLink(self.addHost(prefix + 'h3', ip='10.0.0.3/24'), s3)


def arguments():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--module', help='your own module as the second service (needs --module-dir)')
    parser.add_argument('--module-dir', help='a directory holding NAME.jar, served to the nodes')
    parser.add_argument('--hold', type=float, default=0, metavar='SECONDS',
                        help='keep the network up this long afterwards (Ctrl-C ends it sooner)')
    parser.add_argument('--env', default='/tmp/my_topology.env',
                        help='with --hold, where to write the shell variables that point at the network')
    parser.add_argument('--keep', action='store_true', help="open Mininet's CLI afterwards")
    options = parser.parse_args()
    if options.module and not options.module_dir:
        parser.error('--module needs --module-dir')
    return options


def show(what, answer):
    """A signaling answer: the status line and each domain's word on it."""
    print('%s: %s %s' % (what, answer['status'], ', '.join('%s %s' % (e['domain'], e['code'])
                                                          for e in answer['stack'])), flush=True)
    return answer['status'] == 200


def reports(net, module, enough, timeout=30):
    """{node: what the module reported} once the packets reported add up to enough (heartbeats bring them)."""
    deadline = time.time() + timeout
    while True:
        got = net.moduleReports(module, user='alice')
        if sum(r.get('packets', 0) for r in got.values()) >= enough or time.time() > deadline:
            return got
        time.sleep(0.5)


def net_monitor(net, alice):
    """Service 1: NetMonitor counts alice's UDP to h2:5060 on the nodes; h2 still gets every packet."""
    ok = show('SETUP NetMonitor (udp to h2:5060)',
              net.setup(alice, 'NetMonitor', 'h1', 'h2', {'proto': 'udp', 'dst': '10.0.0.2/32', 'port': 5060}))
    traffic = net.udp('h1', 'h2', 5060, flows=FLOWS, packets=PACKETS)
    counted = {node: r.get('packets', 0) for node, r in reports(net, 'NetMonitor', traffic['sent']).items()}
    print('  h1 sent %d packets in %d flows, h2 received %d; NetMonitor counted %s'
          % (traffic['sent'], FLOWS, traffic['received'], counted), flush=True)
    return ok and traffic['received'] == traffic['sent'] and sum(counted.values()) == traffic['sent']


def keep_alive_responder(net, alice):
    """Service 2: the nodes answer SIP keep-alives to h3 (the SIP server signals, toward its user agent h1)."""
    ok = show('SETUP KeepAliveResponder (SIP to h3:5060)',
              net.setup(alice, 'KeepAliveResponder', 'h3', 'h1', {'proto': 'udp', 'dst': '10.0.0.3/32',
                                                                   'port': 5060}))
    sip = net.sip_keepalives('h1', 'h3', count=4, gap=0.2)
    print('  h1 sent %d keep-alives, got %d answers; h3 received %d' % (sip['sent'], sip['answered'],
                                                                       sip['server_received']), flush=True)
    return ok and sip['answered'] == sip['sent'] and sip['server_received'] == 0


def own_module(net, alice, module):
    """Service 2, your way: your module on alice's UDP to h3:5060; h3 gets every packet, the module reports."""
    ok = show('SETUP %s (udp to h3:5060)' % module,
              net.setup(alice, module, 'h1', 'h3', {'proto': 'udp', 'dst': '10.0.0.3/32', 'port': 5060}))
    traffic = net.udp('h1', 'h3', 5060, flows=FLOWS, packets=PACKETS)
    got = reports(net, module, traffic['sent'])
    print('  h1 sent %d packets, h3 received %d; %s reported %s' % (traffic['sent'], traffic['received'], module,
                                                                  got), flush=True)
    return ok and traffic['received'] == traffic['sent'] and sum(r.get('packets', 0) for r in got.values()) > 0


def write_env(net, path):
    """Shell variables for looking at the running network from another terminal (`. FILE`)."""
    d1 = net.domains['d1']
    names = {'S%d' % i: PREFIX + 's%d' % i for i in (1, 2, 3)}
    values = dict(names, NETSERV_URL=d1.rest_url, NETSERV_TOKEN_FILE=d1.token_file, CONTROLLER_LOG=d1.log_path,
                  AGENT_LOGS=net.session.workdir)
    with open(path + '.tmp', 'w') as f:
        f.writelines('export %s=%s\n' % item for item in sorted(values.items()))
    os.replace(path + '.tmp', path)  # whole or not at all: a reader may be waiting for it


def hold(net, options):
    """Keeps the network up for --hold seconds (Ctrl-C or SIGTERM ends it sooner), with --env written."""
    write_env(net, options.env)
    print('holding the network for %.0f s; its variables are in %s (Ctrl-C to stop)' % (options.hold, options.env),
          flush=True)
    try:
        time.sleep(options.hold)
    except KeyboardInterrupt:
        pass
    finally:
        os.remove(options.env)


def main():
    options = arguments()
    setLogLevel('warning')
    net = NetServNet(MyTopo(prefix=PREFIX), prefix=PREFIX)
    net.addServiceNode('s1', pool='pool')
    net.addServiceNode('s2', pool='pool')
    if options.module_dir:
        net.addModuleDir(options.module_dir)
    alice = net.addUser('alice', filter_prefixes=['10.0.0.0/24'], protocols=['udp'])
    with net:
        net.start()
        print('network up: h1 on s1, h2 and h3 on s3, service nodes n1 (s1) and n2 (s2)', flush=True)
        first = net_monitor(net, alice)
        second = own_module(net, alice, options.module) if options.module else keep_alive_responder(net, alice)
        print('both services did what they promise' if first and second else 'a service did NOT hold', flush=True)
        if options.hold:
            hold(net, options)
        elif options.keep:
            net.cli()
    return 0 if first and second else 1


if __name__ == '__main__':
    sys.exit(main())
