"""Mininet networks on Open vSwitch's userspace datapath, driven by a remote (NetServ-OF) controller."""

import os
import random
import subprocess
from functools import partial

from mininet.net import Mininet
from mininet.node import OVSSwitch, RemoteController
from mininet.topo import Topo


def run_prefix():
    """A short prefix unique to this run: 'n' and three hex digits (interface names allow 15 chars)."""
    return 'n%03x' % random.randrange(0x1000)


class SingleSwitch(Topo):
    """One switch and N hosts, h1..hN on ports 1..N."""

    def build(self, prefix='n', hosts=3):
        sw = self.addSwitch('%ss1' % prefix, dpid='%016x' % 1)
        for i in range(1, hosts + 1):
            host = self.addHost('%sh%d' % (prefix, i), ip='10.0.0.%d/24' % i, mac='0a:00:00:00:00:%02x' % i)
            self.addLink(host, sw, port2=i)


TOPOLOGIES = {'single': SingleSwitch}


def build(topo_name, prefix, protocols, controller, **params):
    """Builds (does not start) a network of the named topology, its switches pointed at the controller.

    controller is 'HOST:PORT'; protocols an OVS protocol list such as 'OpenFlow13'.
    """
    host, port = controller.rsplit(':', 1)
    topo = TOPOLOGIES[topo_name](prefix=prefix, **params)
    switch = partial(OVSSwitch, datapath='user', protocols=protocols, failMode='secure')
    return Mininet(topo=topo, switch=switch, build=False, autoSetMacs=False, waitConnected=False,
                   controller=partial(RemoteController, ip=host, port=int(port)))


def disable_offloads(net):
    """Turns off checksum/TSO/GSO offloads on both ends of every link.

    With the userspace datapath, TCP between hosts fails otherwise (checksums are never filled in).
    """
    for link in net.links:
        for intf in (link.intf1, link.intf2):
            intf.node.cmd('ethtool -K %s tx off tso off gso off >/dev/null 2>&1' % intf.name)


def switch_names(net):
    return [s.name for s in net.switches]


def remove_leftovers(prefix):
    """Deletes bridges and root-namespace interfaces that carry this run's prefix (after a crash)."""
    bridges = subprocess.run(['ovs-vsctl', '--timeout=10', 'list-br'], capture_output=True, text=True).stdout.split()
    for br in bridges:
        if br.startswith(prefix):
            subprocess.run(['ovs-vsctl', '--timeout=10', '--if-exists', 'del-br', br])
    for name in os.listdir('/sys/class/net'):
        if name.startswith(prefix):
            subprocess.run(['ip', 'link', 'del', name], stderr=subprocess.DEVNULL)
