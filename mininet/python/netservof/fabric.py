"""Mininet networks on Open vSwitch's userspace datapath, driven by a remote (NetServ-OF) controller."""

import os
import random
import re
import socket
import subprocess
from functools import partial

from mininet.log import warn
from mininet.net import Mininet
from mininet.node import OVSSwitch, RemoteController
from mininet.topo import Topo


def run_prefix():
    """A short prefix unique to this run: 'n' and three hex digits (interface names allow 15 chars)."""
    return 'n%03x' % random.randrange(0x1000)


class PrefixedTopo(Topo):
    """Names every node with the run prefix; switch sN has DPID N, host hN has 10.0.0.N and 0a:..:N."""

    def switch(self, n):
        return self.addSwitch('%ss%d' % (self.prefix, n), dpid='%016x' % n)

    def host(self, n):
        return self.addHost('%sh%d' % (self.prefix, n), ip='10.0.0.%d/24' % n, mac='0a:00:00:00:00:%02x' % n)


class SingleSwitch(PrefixedTopo):
    """One switch and N hosts, h1..hN on ports 1..N."""

    def build(self, prefix='n', hosts=3):
        self.prefix = prefix
        sw = self.switch(1)
        for i in range(1, hosts + 1):
            self.addLink(self.host(i), sw, port2=i)


class Linear(PrefixedTopo):
    """s1 - s2 - ... - sN in a line, host hI on port 1 of sI; sI port 2 goes to sI+1 port 3."""

    def build(self, prefix='n', switches=4):
        self.prefix = prefix
        sw = [self.switch(i) for i in range(1, switches + 1)]
        for i, s in enumerate(sw, start=1):
            self.addLink(self.host(i), s, port2=1)
        for i in range(len(sw) - 1):
            self.addLink(sw[i], sw[i + 1], port1=2, port2=3)


class Ring(Linear):
    """Linear, and the last switch's port 2 back to s1's port 3: two ways between any two switches."""

    def build(self, prefix='n', switches=4):
        Linear.build(self, prefix=prefix, switches=switches)
        self.addLink('%ss%d' % (prefix, switches), '%ss1' % prefix, port1=2, port2=3)


class Tree(PrefixedTopo):
    """A tree of the given depth and fanout, switches numbered breadth-first, hosts on the leaves."""

    def build(self, prefix='n', depth=2, fanout=2):
        self.prefix = prefix
        self.next_switch = 1
        self.next_host = 1
        self.grow(depth)

    def grow(self, depth):
        sw = self.switch(self.next_switch)
        self.next_switch += 1
        for child in range(1, self.fanout + 1):
            if depth <= 1:
                self.addLink(self.host(self.next_host), sw, port2=child)
                self.next_host += 1
            else:
                below = self.grow(depth - 1)
                self.addLink(sw, below, port1=child, port2=self.fanout + 1)
        return sw

    def __init__(self, prefix='n', depth=2, fanout=2, **opts):
        self.fanout = fanout
        Topo.__init__(self, prefix=prefix, depth=depth, **opts)


class Steering(PrefixedTopo):
    """A line of switches, h1 on s1 and h2 on the last switch (port 1 each; port 2 when there is one
    switch), and service nodes: node nK
    hangs off switch nodes[K-1] at port 10+K. Nodes are hosts whose interface carries no traffic of
    their own (IPv6 off); a stand-in program on each reflects what it receives."""

    def build(self, prefix='n', switches=1, nodes=(1,)):
        self.prefix = prefix
        sw = [self.switch(i) for i in range(1, switches + 1)]
        self.addLink(self.host(1), sw[0], port2=1)
        self.addLink(self.host(2), sw[-1], port2=1 if switches > 1 else 2)
        for i in range(len(sw) - 1):
            self.addLink(sw[i], sw[i + 1], port1=2, port2=3)
        for k, at in enumerate(nodes, start=1):
            node = self.addHost('%sn%d' % (prefix, k), ip='10.0.9.%d/24' % k, mac='0a:00:00:00:09:%02x' % k)
            self.addLink(node, sw[at - 1], port2=10 + k)


class KeepAlive(PrefixedTopo):
    """The thesis's KeepAlive scenario on two switches: the SIP server h1 on s1, user agents h2..h(1+uas) on
    s2 (ports 1..uas), s1 port 2 to s2 port 10, and a service node on each switch (nK at port 10+K of sK,
    s2's at port 12)."""

    def build(self, prefix='n', uas=3):
        self.prefix = prefix
        s1, s2 = self.switch(1), self.switch(2)
        self.addLink(self.host(1), s1, port2=1)
        for i in range(uas):
            self.addLink(self.host(2 + i), s2, port2=1 + i)
        self.addLink(s1, s2, port1=2, port2=10)
        for k, sw in enumerate((s1, s2), start=1):
            node = self.addHost('%sn%d' % (prefix, k), ip='10.0.9.%d/24' % k, mac='0a:00:00:00:09:%02x' % k)
            self.addLink(node, sw, port2=10 + k)


TOPOLOGIES = {'single': SingleSwitch, 'linear': Linear, 'ring': Ring, 'tree': Tree, 'steering': Steering,
              'keepalive': KeepAlive}


class QuietRemoteController(RemoteController):
    """A remote controller whose start-up check is a plain TCP connect. Mininet's own check pipes telnet's output
    through a UTF-8 decoder, and whatever binary bytes the controller writes to a peer that is not a switch (a
    HELLO, an error) can break that decoder or leave telnet waiting: a flaky failure of the test, not of the
    controller."""

    def checkListening(self):
        try:
            socket.create_connection((self.ip, self.port), timeout=5).close()
        except OSError as e:
            warn('Unable to contact the remote controller at %s:%d (%s)\n' % (self.ip, self.port, e))


def build(topo_name, prefix, protocols, controller, **params):
    """Builds (does not start) a network of the named topology, its switches pointed at the controller.

    controller is 'HOST:PORT'; protocols an OVS protocol list such as 'OpenFlow13'.
    """
    net = network(TOPOLOGIES[topo_name](prefix=prefix, **params), protocols)
    for i, address in enumerate(controller.split(',')):
        add_controller(net, '%sc%d' % (prefix, i), address)
    return net


def network(topo, protocols):
    """A network of the topology (not built), its switches on the userspace datapath in secure fail mode (no
    forwarding of their own without a controller), no controller yet."""
    switch = partial(OVSSwitch, datapath='user', protocols=protocols, failMode='secure')
    return Mininet(topo=topo, switch=switch, build=False, autoSetMacs=False, waitConnected=False, controller=None)


def add_controller(net, name, address):
    """Adds the remote controller at 'HOST:PORT' under name; returns it."""
    host, port = address.rsplit(':', 1)
    return net.addController(name, controller=QuietRemoteController, ip=host, port=int(port))


def start_switches(net, cluster=False):
    """Starts the network. With one controller, or several forming one cluster, every switch connects to each
    (a cluster elects one master per switch); with several domains (one controller each), switch sK connects to
    controller K (the last one takes the switches beyond): separate fabrics, joined by their links, each seeing
    the other's port as an edge port."""
    if len(net.controllers) == 1 or cluster:
        net.start()
        return
    for c in net.controllers:
        c.start()
    for i, sw in enumerate(sorted(net.switches, key=lambda s: int(s.name.rsplit('s', 1)[1]))):
        sw.start([net.controllers[min(i, len(net.controllers) - 1)]])


def disable_offloads(net):
    """Turns off checksum/TSO/GSO offloads on both ends of every link.

    With the userspace datapath, TCP between hosts fails otherwise (checksums are never filled in).
    """
    for link in net.links:
        for intf in (link.intf1, link.intf2):
            intf.node.cmd('ethtool -K %s tx off tso off gso off >/dev/null 2>&1' % intf.name)


def switch_names(net):
    return [s.name for s in net.switches]


def logical(name, prefix):
    """'n3a2s1' -> 's1': the name tests and people use."""
    return name[len(prefix):] if name.startswith(prefix) else name


def describe(net, prefix):
    """Switches with DPIDs, hosts with addresses and attachment, and the inter-switch cables."""
    switches = {logical(s.name, prefix): int(s.dpid, 16) for s in net.switches}
    hosts = {}
    links = []
    for link in net.links:
        a, b = link.intf1, link.intf2
        if a.node in net.switches and b.node in net.switches:
            links.append([int(a.node.dpid, 16), a.node.ports[a], int(b.node.dpid, 16), b.node.ports[b]])
        else:
            host_intf, sw_intf = (a, b) if b.node in net.switches else (b, a)
            hosts[logical(host_intf.node.name, prefix)] = {
                'ip': host_intf.node.IP(), 'mac': host_intf.node.MAC(),
                'dpid': int(sw_intf.node.dpid, 16), 'port': sw_intf.node.ports[sw_intf]}
    return {'switches': switches, 'hosts': hosts, 'links': links}


# A run's prefix: teardown deletes every bridge and root-namespace interface whose name starts with it, so it
# must be long enough to be the run's own and start like no interface the machine has of itself.
PREFIX = re.compile(r'[a-z][a-z0-9]{3,9}$')
SYSTEM_NAMES = ('eth', 'en', 'wl', 'lo', 'br', 'docker', 'veth', 'virbr', 'ovs', 'tap', 'tun', 'bond', 'team',
                'vx', 'gre', 'gen', 'erspan', 'sit', 'ip6', 'dummy', 'vlan', 'macv', 'ipvl', 'nlmon', 'wg', 'can')


def check_prefix(prefix):
    """Refuses a prefix that could name interfaces the run did not make ('e' would take eth0 with it)."""
    if prefix and (not PREFIX.match(prefix) or prefix.startswith(SYSTEM_NAMES)):
        raise ValueError('name prefix %r: use 4 to 10 lower-case letters or digits, starting with a letter and '
                         'not like a system interface (%s...), or none for plain names' % (prefix, ', '.join(
                             SYSTEM_NAMES[:6])))


def remove_leftovers(prefix):
    """Deletes bridges and root-namespace interfaces that carry this run's prefix (after a crash). An empty
    prefix (a network of plain names) names nothing: every bridge and interface starts with ''."""
    if not prefix:
        return
    check_prefix(prefix)
    bridges = subprocess.run(['ovs-vsctl', '--timeout=10', 'list-br'], capture_output=True, text=True).stdout.split()
    for br in bridges:
        if br.startswith(prefix):
            subprocess.run(['ovs-vsctl', '--timeout=10', '--if-exists', 'del-br', br])
    for name in os.listdir('/sys/class/net'):
        if name.startswith(prefix):
            subprocess.run(['ip', 'link', 'del', name], stderr=subprocess.DEVNULL)


def attach_management(net, prefix, hosts, bridge, subnet, veth_prefix=None):
    """Connects each given host to a management network the caller made in the root namespace (a Linux
    bridge at SUBNET.1, where the controller listens for nodes): a veth from the bridge into the host at
    SUBNET.10+K, its host end named <host>-m, its root end <veth_prefix>mK (veth_prefix defaults to prefix; a
    network whose names carry no prefix needs one of its own). Returns {'controller_ip': ..., 'hosts':
    {logical name: ip}}."""
    out = {}
    for k, h in enumerate(hosts, start=1):
        root_end = '%sm%d' % (veth_prefix or prefix, k)
        host_end = '%s-m' % h.name
        address = '%s.%d' % (subnet, 10 + k)
        subprocess.run(['ip', 'link', 'add', root_end, 'type', 'veth', 'peer', 'name', host_end], check=True)
        subprocess.run(['ip', 'link', 'set', host_end, 'netns', str(h.pid)], check=True)
        subprocess.run(['ip', 'link', 'set', root_end, 'master', bridge, 'up'], check=True)
        h.cmd('ip addr add %s/24 dev %s && ip link set %s up' % (address, host_end, host_end))
        out[logical(h.name, prefix)] = address
    return {'controller_ip': subnet + '.1', 'hosts': out}
