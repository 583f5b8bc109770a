"""The shipped topologies: the `topos` dict `mn --custom` reads, each class's shape (switches, hosts, where its
service nodes are, the domains of twodomains), each built by plain Mininet through its Python API, and
each started under NetServNet (controllers, nodes registered and healthy, every cable discovered) with every
data host reaching every other (pingAll, no loss)."""

import pytest
from mininet.log import setLogLevel
from mininet.util import buildTopo

from netservof import fabric
from netservnet import NetServNet, topos

# name -> (switches, data hosts, {node: switch}, cables between switches of one domain) at the default sizes
SHAPES = {
    'single': (1, 3, {'n1': 's1', 'n2': 's1'}, 0),
    'linear': (3, 3, {'n1': 's1'}, 2),
    'leafspine': (4, 4, {'n1': 's1', 'n2': 's2'}, 4),
    'isp': (3, 5, {'n1': 's2', 'n2': 's3'}, 2),
    'twodomains': (2, 2, {'n1': 's1', 'n2': 's2'}, 0),
    'fattree': (20, 16, {'n1': 's7', 'n2': 's11'}, 32),
}


def test_the_topos_dict_names_every_shipped_topology():
    assert sorted(topos.topos) == sorted(SHAPES)
    assert topos.topos['fattree'] is topos.FatTree


@pytest.mark.parametrize('name', sorted(SHAPES))
def test_each_topology_has_its_shape(name):
    topo = topos.topos[name](prefix='x')
    switches, hosts, nodes, _ = SHAPES[name]
    assert len(topo.switches()) == switches
    assert len(topo.hosts()) == hosts + len(nodes)
    assert {n: spec['switch'] for n, spec in topo.serviceNodes.items()} == nodes
    links = {frozenset(link) for link in topo.links()}
    assert all(frozenset(('x' + n, 'x' + sw)) in links for n, sw in nodes.items())
    assert len({topo.nodeInfo(s)['dpid'] for s in topo.switches()}) == switches


def test_twodomains_puts_each_switch_in_a_domain_with_a_node_each():
    topo = topos.TwoDomains(switches=2)
    assert topo.domains == {'s1': 1, 's2': 1, 's3': 2, 's4': 2}
    assert {topo.domains[spec['switch']] for spec in topo.serviceNodes.values()} == {1, 2}


def test_each_topology_builds_with_plain_mininet():
    setLogLevel('warning')
    p = fabric.run_prefix()
    try:
        for name, cls in sorted(topos.topos.items()):
            net = fabric.network(cls(prefix=p), 'OpenFlow13')
            try:
                net.build()
                assert len(net.switches) == SHAPES[name][0]
            finally:
                net.stop()
    finally:
        fabric.remove_leftovers(p)


@pytest.mark.parametrize('name', sorted(SHAPES))
def test_each_topology_starts_under_netservnet_and_pings(name):
    setLogLevel('warning')
    p = fabric.run_prefix()
    with NetServNet(topos.topos[name](prefix=p), prefix=p) as net:
        net.start()
        assert sorted(net.domains) == (['d1', 'd2'] if name == 'twodomains' else ['d1'])
        assert sorted(n['id'] for d in net.domains for n in net.nodes(d)) == sorted(SHAPES[name][2])
        directed = sum(len(net.rest('GET', '/wm/topology/directed-links/json', domain=d)) for d in net.domains)
        assert directed == 2 * SHAPES[name][3], 'start() returned before the fabric was discovered'
        assert net.pingAll(timeout=2) == 0


def test_mn_custom_loads_the_file_as_mininet_does_and_passes_sizes_by_position():
    """`mn --custom FILE --topo linear,4` execs FILE in a bare namespace (no __file__) and calls the class
    with the sizes given after the name."""
    customs = {}
    with open(topos.__file__) as f:
        exec(compile(f.read(), topos.__file__, 'exec'), customs, customs)
    topo = buildTopo(customs['topos'], 'linear,4')
    assert len(topo.switches()) == 4 and topo.serviceNodes == {'n1': {'switch': 's1', 'pool': 'pool', 'weight': 1}}
    assert len(buildTopo(customs['topos'], 'fattree').switches()) == 20
