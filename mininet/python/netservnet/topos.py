"""The experimenter's kit's topologies: Mininet Topo classes with NetServ service nodes already placed.

Each class takes its sizes first (so that `mn --custom mininet/python/netservnet/topos.py --topo linear,4`
works on an experimenter's machine) and `prefix=''` last (tests give every name a run prefix, so runs side by
side do not meet). Switch sN has DPID N, host hN has 10.0.0.N/24, service node nK has 10.0.9.K/24; where
each node is plugged in, and into which pool with which weight, is listed in `topo.serviceNodes`, which
NetServNet reads to declare the nodes to the controller (`node-agents`). Under plain Mininet the nodes are
ordinary hosts. Topologies with loops (leaf-spine, fat-tree) rely on the controller's topology-aware
forwarding, as every NetServ fabric does.
"""

import inspect
import os
import sys

# `mn --custom` execs this file in a namespace without __file__; the code object knows where it came from.
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(inspect.currentframe().f_code.co_filename))))

from netservof.fabric import PrefixedTopo  # noqa: E402


def add_service_node(topo, prefix, k, switch, pool='pool', weight=1):
    """Adds service node nK (10.0.9.K, 0a:00:00:00:09:K) on a new port of switch (its logical name) to any
    Topo, and returns its name and its entry for serviceNodes. The one place a node's host is made: the kit's
    topologies and NetServNet.addServiceNode both come here."""
    name = 'n%d' % k
    host = topo.addHost(prefix + name, ip='10.0.9.%d/24' % k, mac='0a:00:00:00:09:%02x' % k)
    topo.addLink(host, prefix + switch)
    return name, {'switch': switch, 'pool': pool, 'weight': weight}


class KitTopo(PrefixedTopo):
    """A PrefixedTopo that also places service nodes and remembers where (serviceNodes)."""

    def __init__(self, *args, **params):
        self.serviceNodes = {}
        PrefixedTopo.__init__(self, *args, **params)

    def node(self, switch, pool='pool', weight=1):
        """Adds service node nK (the next K) on a new port of the given switch (its full name)."""
        name, spec = add_service_node(self, self.prefix, len(self.serviceNodes) + 1, switch[len(self.prefix):],
                                      pool, weight)
        self.serviceNodes[name] = spec
        return name


class Single(KitTopo):
    """One switch s1, hosts h1..hN on ports 1..N, and `nodes` service nodes on it."""

    def build(self, hosts=3, nodes=2, prefix=''):
        self.prefix = prefix
        sw = self.switch(1)
        for i in range(1, hosts + 1):
            self.addLink(self.host(i), sw, port2=i)
        for _ in range(nodes):
            self.node(sw)


class Linear(KitTopo):
    """s1 - s2 - ... - sN in a line, host hI on sI, a service node on each switch numbered in `nodes`."""

    def build(self, switches=3, nodes=(1,), prefix=''):
        self.prefix = prefix
        sw = [self.switch(i) for i in range(1, switches + 1)]
        for i, s in enumerate(sw, start=1):
            self.addLink(self.host(i), s)
        for a, b in zip(sw, sw[1:]):
            self.addLink(a, b)
        for n in nodes:
            self.node(sw[n - 1])


class LeafSpine(KitTopo):
    """Leaves s1..sL, spines s(L+1)..s(L+S), every leaf cabled to every spine; on each leaf `hosts` hosts and
    one service node (a data centre's pool spread over its racks)."""

    def build(self, leaves=2, spines=2, hosts=2, prefix=''):
        self.prefix = prefix
        leaf = [self.switch(i) for i in range(1, leaves + 1)]
        spine = [self.switch(leaves + i) for i in range(1, spines + 1)]
        n = 0
        for lf in leaf:
            for _ in range(hosts):
                n += 1
                self.addLink(self.host(n), lf)
            for sp in spine:
                self.addLink(lf, sp)
            self.node(lf)


class Isp(KitTopo):
    """An ISP's edge: the provider's core switch s1 with its servers h1..hP, edge switches s2..s(1+E) cabled to
    it, each with `users` subscriber hosts and a service node where the subscribers come in."""

    def build(self, edges=2, users=2, servers=1, prefix=''):
        self.prefix = prefix
        core = self.switch(1)
        for i in range(1, servers + 1):
            self.addLink(self.host(i), core)
        n = servers
        for e in range(2, edges + 2):
            edge = self.switch(e)
            self.addLink(core, edge)
            for _ in range(users):
                n += 1
                self.addLink(self.host(n), edge)
            self.node(edge)


class TwoDomains(KitTopo):
    """Two NetServ domains in a row: switches s1..sM (domain 1) then s(M+1)..s(2M) (domain 2) in a line, h1 on
    the first switch and h2 on the last, a service node on the first switch of each domain. `domains` maps
    each switch to its domain (1 or 2): NetServNet gives each domain a controller of its own."""

    def build(self, switches=1, prefix=''):
        self.prefix = prefix
        sw = [self.switch(i) for i in range(1, 2 * switches + 1)]
        self.domains = {'s%d' % i: 1 if i <= switches else 2 for i in range(1, 2 * switches + 1)}
        self.addLink(self.host(1), sw[0])
        self.addLink(self.host(2), sw[-1])
        for a, b in zip(sw, sw[1:]):
            self.addLink(a, b)
        self.node(sw[0])
        self.node(sw[switches])


class FatTree(KitTopo):
    """A k-ary fat-tree (k even): (k/2)^2 core switches, k pods of k/2 aggregation and k/2 edge switches, k/2
    hosts on each edge switch; for k=4, 20 switches and 16 hosts. Service nodes on the first edge switch of
    the first `node_pods` pods (each node a JVM: two keep a small machine responsive)."""

    def build(self, k=4, node_pods=2, prefix=''):
        self.prefix = prefix
        half = k // 2
        core = [self.switch(i) for i in range(1, half * half + 1)]
        number, hosts = half * half, 0
        for pod in range(k):
            agg = [self.switch(number + 1 + i) for i in range(half)]
            edge = [self.switch(number + half + 1 + i) for i in range(half)]
            number += k
            for i, a in enumerate(agg):
                for j in range(half):
                    self.addLink(a, core[i * half + j])
                for e in edge:
                    self.addLink(a, e)
            for e in edge:
                for _ in range(half):
                    hosts += 1
                    self.addLink(self.host(hosts), e)
            if pod < node_pods:
                self.node(edge[0])


topos = {'single': Single, 'linear': Linear, 'leafspine': LeafSpine, 'isp': Isp, 'twodomains': TwoDomains,
         'fattree': FatTree}
