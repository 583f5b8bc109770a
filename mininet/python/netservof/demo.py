"""`./netserv demo`: the NetServ mission end to end, the thesis's KeepAlive scenario (section 7.2).

A SIP server h1 on switch s1, user agents on switch s2 sending SIP keep-alives to it, and a service node on
each switch, all driven by one NetServ-OF controller. Before the SETUP every keep-alive reaches the server.
The server's operator (user 'itsp') then signals SETUP for KeepAliveResponder toward a user agent: the
controller checks the signature and the grant, installs the module on both nodes and steers keep-alives
through them, so the nodes answer on the server's behalf and the server sees none. REMOVE restores the old
path. Prints a before/after table; exits 0 when every phase came out as it should.
"""

import argparse
import hashlib
import json
import os
import random
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from mininet.log import setLogLevel  # noqa: E402

from netservof import fabric  # noqa: E402
from netservof.controller import ROOT, ControllerProcess, free_port  # noqa: E402
from netservof.scenario import Session  # noqa: E402
from netservnet.modules import ModuleServer  # noqa: E402
from netservnet.project import java_binary  # noqa: E402

CLIENT = 'org.netservof.cli.SignalMain'
MODULE = 'KeepAliveResponder'
SERVER_IP = '10.0.0.1'


# Where the keepalive topology plugs in its service nodes (fabric.KeepAlive: nK at port 10+K of switch K): the
# controller's node-agents confirms these, so a node cannot claim another place, pool or weight.
NODES = {'n1': (1, 11), 'n2': (2, 12)}


def write_node_tokens(token_dir):
    """A token of its own for each node, mode 600."""
    os.makedirs(token_dir, mode=0o700, exist_ok=True)
    for node in NODES:
        with open(os.open(os.path.join(token_dir, node + '.token'), os.O_WRONLY | os.O_CREAT, 0o600), 'w') as f:
            f.write(secrets.token_hex(16) + '\n')


def controller_config(path, mgmt_ip, node_port, token_dir, key_file, repository):
    with open(path, 'w') as f:
        f.write('node-listen: %s:%d\n' % (mgmt_ip, node_port))
        f.write('store-path: %s\n' % os.path.join(os.path.dirname(path), 'store'))
        # The module server is on the (private) management network: listed, so the controller accepts its URLs.
        f.write('module-repositories: ["%s"]\n' % repository)
        f.write('node-agents:\n')
        for node, (dpid, port) in NODES.items():
            f.write('  - {id: %s, token-file: %s, pool: pool, dpid: "%s", port: %d, weight: 1}\n'
                    % (node, os.path.join(token_dir, node + '.token'), ':'.join(['00'] * 7 + ['%02x' % dpid]), port))
        f.write('node-channel:\n  heartbeat: 500ms\n  dead-after: 2s\n')
        f.write('signaling:\n  domain: demo\n  pool: pool\n  downstream-timeout: 5s\n')
        f.write('users:\n  - name: itsp\n    public-key-file: %s.pub\n' % key_file)
        f.write('    filter-prefixes: [%s/32]\n    protocols: ["udp:5060"]\n' % SERVER_IP)
        f.write('    max-services: 4\n    max-rate-kbps: 0\n')


def keep_alive_round(session, uas, count, gap):
    """Every user agent sends its keep-alives to the server; totals of sent, answered and what the server got."""
    totals = {'sent': 0, 'answered': 0, 'server': 0}
    for ua in uas:
        r = session.sip_keepalives(ua, 'h1', count=count, gap=gap)
        totals['sent'] += r['sent']
        totals['answered'] += r['answered']
        totals['server'] += r['server_received']
    return totals


def signal(session, java, lib, command, args):
    r = session.java('h1', java, CLIENT, lib=lib, args=[command] + args, timeout=90)
    for line in (r['stdout'] + r['stderr']).splitlines():
        print('    | ' + line)
    return r


def wait_nodes_healthy(session, java, lib, base, expected, timeout=60):
    deadline = time.time() + timeout
    while time.time() < deadline:
        r = session.java('h1', java, CLIENT, lib=lib, args=['probe', '--probe', 'status'] + base, timeout=60)
        m = re.search(r'"healthy":(\d+)', r['stdout'])
        if r['exit'] == 0 and m and int(m.group(1)) >= expected:
            return True
        time.sleep(1)
    return False


def main():
    parser = argparse.ArgumentParser(prog='netserv demo', description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--protocols', default='OpenFlow13', help='OVS protocol list (default OpenFlow13)')
    parser.add_argument('--uas', type=int, default=3, help='user agent hosts (default 3)')
    parser.add_argument('--keepalives', type=int, default=4, help='keep-alives per user agent per phase (default 4)')
    parser.add_argument('--gap', type=float, default=0.5,
                        help='seconds between keep-alives (default 0.5; real user agents wait 15-30 s)')
    args = parser.parse_args()
    setLogLevel('warning')

    workdir = tempfile.mkdtemp(prefix='netserv-demo-')
    os.chmod(workdir, 0o711)  # node containers run as nobody and read the module files below it
    prefix = fabric.run_prefix()
    bridge = prefix + 'mg'
    subnet = '10.253.%d' % random.randrange(1, 255)
    mgmt_ip = subnet + '.1'
    java, lib = java_binary(), os.path.join(ROOT, 'mininet', 'target', 'lib')
    token_dir = os.path.join(workdir, 'node-tokens')
    write_node_tokens(token_dir)
    key_file = os.path.join(workdir, 'itsp.key')
    subprocess.run([os.path.join(ROOT, 'netserv'), 'keygen', '--out', key_file], check=True,
                   stdout=subprocess.DEVNULL)
    jar = os.path.join(ROOT, 'mininet', 'target', 'modules', MODULE + '.jar')
    with open(jar, 'rb') as f:
        sha256 = hashlib.sha256(f.read()).hexdigest()

    fabric.remove_leftovers(prefix)
    subprocess.run(['ip', 'link', 'add', bridge, 'type', 'bridge'], check=True)
    subprocess.run(['ip', 'addr', 'add', mgmt_ip + '/24', 'dev', bridge], check=True)
    subprocess.run(['ip', 'link', 'set', bridge, 'up'], check=True)
    modules = ModuleServer(mgmt_ip, os.path.dirname(jar))
    node_port = free_port()
    config = os.path.join(workdir, 'controller.yaml')
    controller_config(config, mgmt_ip, node_port, token_dir, key_file, modules.url + '/')
    log_path = os.path.join(workdir, 'controller.log')
    rest_port = free_port()
    controller = ControllerProcess(free_port(), log_path, ['--config', config,
                                                          '--rest-listen', '127.0.0.1:%d' % rest_port])
    ok = False
    session = None
    try:
        print('controller starting on %s, REST API on http://127.0.0.1:%d (log: %s)'
              % (controller.address, rest_port, log_path), flush=True)
        controller.wait_listening()
        net = fabric.build('keepalive', prefix, args.protocols, controller.address, uas=args.uas)
        net.build()
        net.start()
        fabric.disable_offloads(net)
        session = Session(net, prefix)
        if not net.waitConnected(timeout=30):
            print('switches did not connect to the controller')
            return 1
        hosts = fabric.describe(net, prefix)['hosts']
        placed = {node: (hosts[node]['dpid'], hosts[node]['port']) for node in NODES}
        if placed != NODES:
            print('the keepalive topology places its nodes at %s, the demo declares %s' % (placed, NODES))
            return 1
        fabric.attach_management(net, prefix, session.node_hosts(), bridge, subnet)
        for node in NODES:
            session.agent_start(node, java, lib, '%s:%d' % (mgmt_ip, node_port), token_dir,
                                options={'module-repositories': modules.url + '/'})
        uas = ['h%d' % (2 + i) for i in range(args.uas)]
        ua_ip = session.node(uas[0]).IP()
        print('network: s1 (SIP server h1, node n1) - s2 (user agents %s, node n2), %s'
              % (', '.join(uas), args.protocols), flush=True)
        base = ['--to', ua_ip, '--user', 'itsp', '--key', key_file, '--module', MODULE + '_1.0']
        if not wait_nodes_healthy(session, java, lib, base, 2):
            print('the service nodes did not register; see %s' % log_path)
            return 1
        time.sleep(1)  # host ports out of the topology's quarantine

        print('phase 1: keep-alives straight to the server', flush=True)
        before = keep_alive_round(session, uas, args.keepalives, args.gap)

        print('h1 signals SETUP %s_1.0 toward %s (udp 5060 to %s, ttl 600 s):' % (MODULE, ua_ip, SERVER_IP))
        setup = signal(session, java, lib, 'setup', base + [
            '--url', '%s/%s.jar' % (modules.url, MODULE), '--sha256', sha256, '--filter-proto', 'udp',
            '--filter-port', '5060', '--filter-dst', SERVER_IP + '/32', '--ttl', '600'])
        print('phase 2: keep-alives with the module on the path', flush=True)
        during = keep_alive_round(session, uas, args.keepalives, args.gap)

        print('h1 signals REMOVE %s_1.0:' % MODULE)
        remove = signal(session, java, lib, 'remove', base)
        print('phase 3: keep-alives after REMOVE', flush=True)
        after = keep_alive_round(session, uas, args.keepalives, args.gap)

        print()
        print('%-24s %6s %10s %16s' % ('phase', 'sent', '200 OKs', 'reached server'))
        for name, r in (('before SETUP', before), ('with KeepAliveResponder', during), ('after REMOVE', after)):
            print('%-24s %6d %10d %16d' % (name, r['sent'], r['answered'], r['server']))
        print()
        ok = (setup['exit'] == 0 and remove['exit'] == 0
              and before['server'] == before['sent'] > 0
              and during['answered'] == during['sent'] and during['server'] == 0
              and after['server'] == after['sent'])
    finally:
        if session is not None:
            session.close()
        else:
            fabric.remove_leftovers(prefix)
        subprocess.run(['ip', 'link', 'del', bridge], stderr=subprocess.DEVNULL)
        modules.close()
        code = controller.stop()
        print('controller stopped (exit %s)' % code)
        shutil.rmtree(workdir, ignore_errors=True)
    print('demo %s' % ('succeeded' if ok else 'FAILED'))
    return 0 if ok else 1


if __name__ == '__main__':
    sys.exit(main())
