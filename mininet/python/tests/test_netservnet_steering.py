"""NetServNet on an experimenter's own topology: two switches, a host on each, and two service nodes the
test places with addServiceNode. A signed SETUP of NetMonitor steers the UDP flows to h2 through the nodes
(their NetMonitors count every packet, the flows spread over both nodes, h2 still gets them all); REMOVE
restores the direct path (the containers go, h2 gets everything, nothing is counted any more). Then one node
is drained over REST and the other killed: the controller sees both."""

from mininet.log import setLogLevel
from mininet.topo import Topo

from netservof import fabric
from netservnet import NetServNet
from netservnet.scenarios import common

FLOWS, PACKETS = 20, 2


class TwoSwitches(Topo):
    """The experimenter's topology: h1 - s1 - s2 - h2 (DPIDs given: prefixed names carry no usable number)."""

    def build(self, prefix=''):
        s1 = self.addSwitch(prefix + 's1', dpid='%016x' % 1)
        s2 = self.addSwitch(prefix + 's2', dpid='%016x' % 2)
        self.addLink(self.addHost(prefix + 'h1', ip='10.0.0.1/24'), s1)
        self.addLink(self.addHost(prefix + 'h2', ip='10.0.0.2/24'), s2)
        self.addLink(s1, s2)


def counted(net, expected):
    """NetMonitor's packet count per node, once their sum reaches expected (heartbeats bring it) or after 15 s."""
    def per_node():
        return {node: r.get('packets', 0) for node, r in net.moduleReports('NetMonitor', user='alice').items()}
    common.wait_for(lambda: sum(per_node().values()) >= expected, timeout=15)
    return per_node()


def state(net, node):
    return net.rest('GET', '/netserv/v1/nodes/' + node)['state']


def containers(net):
    return {n['id']: len((n.get('agent') or {}).get('containers', [])) for n in net.nodes()}


def test_a_custom_topology_with_two_nodes_steers_a_service_end_to_end_and_remove_restores():
    setLogLevel('warning')
    p = fabric.run_prefix()
    with NetServNet(TwoSwitches(prefix=p), prefix=p) as net:
        assert net.addServiceNode('s1') == 'n1'
        assert net.addServiceNode('s2', weight=1) == 'n2'
        alice = net.addUser('alice', filter_prefixes=['10.0.0.2/32'], protocols=['udp'])
        net.start()
        assert net.udp('h1', 'h2', 5060, flows=FLOWS, packets=PACKETS)['received'] == FLOWS * PACKETS

        answer = net.setup(alice, 'NetMonitor', 'h1', 'h2', {'proto': 'udp', 'dst': '10.0.0.2/32', 'port': 5060})
        assert (answer['status'], answer['exit']) == (200, 0), answer
        assert [(e['domain'], e['code']) for e in answer['stack']] == [('d1', 200)]
        assert answer['body']['d1'].startswith('installed on n1,n2'), answer
        assert [s['user'] for s in net.services()] == ['alice']

        through = net.udp('h1', 'h2', 5060, flows=FLOWS, packets=PACKETS)
        assert through == {'sent': FLOWS * PACKETS, 'received': FLOWS * PACKETS}
        per_node = counted(net, FLOWS * PACKETS)
        assert sum(per_node.values()) == FLOWS * PACKETS, per_node
        assert sorted(n for n, c in per_node.items() if c > 0) == ['n1', 'n2'], per_node

        status = net.probe(alice, 'NetMonitor', 'h1', 'h2', what='status')
        assert status['body']['d1']['status'] == {'nodes': 2, 'healthy': 2, 'services': 1}, status

        removed = net.remove(alice, 'NetMonitor', 'h1', 'h2')
        assert (removed['status'], removed['exit']) == (200, 0), removed
        common.wait_for(lambda: not any(containers(net).values()), timeout=15)
        assert containers(net) == {'n1': 0, 'n2': 0}
        assert net.services() == []
        assert net.udp('h1', 'h2', 5060, flows=FLOWS, packets=PACKETS)['received'] == FLOWS * PACKETS
        assert net.moduleReports('NetMonitor') == {}

        assert net.drainNode('n1')['state'] == 'draining'
        net.killNode('n2')
        common.wait_for(lambda: state(net, 'n2') != 'healthy', timeout=15)
        assert (state(net, 'n1'), state(net, 'n2')) == ('draining', 'unhealthy')
