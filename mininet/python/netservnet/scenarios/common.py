"""What the scenarios share: the network a scenario asks for (its default topology or the one named by --topo,
with as many service nodes as it needs), the tables they print, waiting for what the controller reports
asynchronously (a module's counts arrive with the node's next heartbeat), and --keep."""

import json
import os
import time

from mininet.log import setLogLevel

from netservnet import NetServNet, topos
from netservof import fabric

POOL = 'pool'


def network(options, default_topo, need, at=None, **topo_args):
    """A NetServNet, not yet started, on the topology named by --topo (its default sizes) or else default_topo
    with topo_args, and at least `need` service nodes: the topology's own, then one more per missing node on the
    switches of `at` in turn (default: the first switch). Returns (net, node names). Names carry a run prefix
    (runs side by side do not meet) except with --keep, where the experimenter types them in the CLI."""
    prefix = '' if getattr(options, 'keep', False) else fabric.run_prefix()
    name = options.topo or default_topo
    topo = topos.topos[name](prefix=prefix, **({} if options.topo else topo_args))
    net = NetServNet(topo=topo, protocols=options.protocols, prefix=prefix)
    declared = sorted(getattr(topo, 'serviceNodes', {}) or {})
    switches = at or [first_switch(topo, prefix)]
    added = [net.addServiceNode(switches[i % len(switches)], pool=POOL) for i in range(max(0, need - len(declared)))]
    return net, declared + added


def planned_ip(net, host):
    """A host's data-plane address from the topology, before start() (users' grants are written then)."""
    return net.topo.nodeInfo(net.prefix + host)['ip'].split('/')[0]


def start(net, user, host, port):
    """Grants user the UDP port of host (its address, /32), starts the network; answers host's address."""
    address = planned_ip(net, host)
    net.addUser(user, filter_prefixes=[address + '/32'], protocols=['udp:%d' % port])
    net.start()
    return address


def first_switch(topo, prefix):
    """The topology's first switch by logical name (s1 when it has one)."""
    names = sorted(fabric.logical(s, prefix) for s in topo.switches())
    return 's1' if 's1' in names else names[0]


def wait_for(predicate, timeout=30.0, interval=0.5):
    """Polls predicate until it answers something true or timeout seconds passed; answers its last answer."""
    deadline = time.time() + timeout
    while True:
        value = predicate()
        if value or time.time() > deadline:
            return value
        time.sleep(interval)


def table(headers, rows):
    """Prints rows under headers, each column as wide as its widest cell; the first column left-aligned."""
    cells = [[str(h) for h in headers]] + [[str(c) for c in row] for row in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(headers))]
    print()
    for r in cells:
        print('  '.join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(r, widths))))
    print(flush=True)


def verdict(name, checks, why):
    """The last lines of a scenario: each check that failed, and whether it held (every check passed)."""
    failed = [what for what, ok in checks if not ok]
    for what in failed:
        print('  not so: %s' % what)
    print('%s %s: %s' % (name, 'FAILED' if failed else 'holds', why), flush=True)
    return not failed


def keep_open(net, options):
    """--keep: Mininet's CLI on the running network, before teardown (exit the CLI to tear down)."""
    if getattr(options, 'keep', False):
        print('--keep: the network stays up; Mininet CLI (type exit to tear it down)', flush=True)
        setLogLevel('info')  # the CLI answers through Mininet's log (demo.py keeps it at warning otherwise)
        net.cli()
        setLogLevel('warning')


def received(result, port):
    """Packets a net.udp() receiver counted on a port (its answer: a count, or per port a count or a dict)."""
    got = result.get('received', 0)
    if isinstance(got, dict):
        got = got.get(str(port), got.get(port, 0))
    return got.get('packets', 0) if isinstance(got, dict) else int(got)


def create_service(net, user, module, dst_ip, port, mode='reactive', properties=None):
    """An operator's service over REST (POST /netserv/v1/services): UDP to dst_ip:port through the pool, the module
    installed on its nodes in the user's container; answered once the module runs. Returns the service."""
    url, sha256 = net.moduleUrl(module)
    return net.rest('POST', '/netserv/v1/services', {
        'name': module.lower(), 'pool': POOL, 'mode': mode, 'ttlSeconds': 600, 'user': user,
        'filter': {'protocol': 'udp', 'dst': dst_ip + '/32', 'dstPorts': str(port)},
        'module': {'name': module + '_1.0', 'url': url, 'sha256': sha256, 'properties': properties or {}}})


def kit_script(name):
    """The path of one of the kit's scripts that run in Mininet hosts (turn.py, cdn.py, sip_load.py)."""
    return os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), name)


def last_json(text):
    """The last line of JSON a kit script printed, or {'error': ...} with the end of what it printed instead."""
    for line in reversed(text.strip().splitlines()):
        if line.startswith('{'):
            return json.loads(line)
    return {'error': 'no answer: %r' % text[-300:]}
