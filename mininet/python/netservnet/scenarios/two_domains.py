"""two-domains: one SETUP acted on by two NetServ domains along the path (thesis ch. 4: signaling travels
on-path, and "each NetServ node on the path" may install the service).

Two domains in a row (topology twodomains): s1 with the provider h1 and node n1 is domain d1, under its own
controller; s2 with the user host h2 and node n2 is domain d2, under another. h1 signals SETUP NetMonitor
toward h2 for UDP to h2:5060. d1's controller installs the module on n1 and sends the SETUP on; d2's, the last
domain on the path, installs it on n2 and answers, and on its way back d1 adds its entry: the response stack
holds d2's entry, then d1's. Traffic from h1 to h2 then visits n1 in d1 and n2 in d2: both NetMonitors count
every packet, and all of them still arrive. A PROBE gets both domains' status; a REMOVE takes both installs
back. Holds when all of that is seen."""

from netservnet.scenarios import common

DESCRIPTION = ('two NetServ domains in a row: one SETUP installs NetMonitor in both, both entries in the '
               'response stack, traffic steered through both nodes')
MODULE = 'NetMonitor'
USER = 'alice'
PORT = 5060


def run(options):
    flows, packets = (4, 2) if getattr(options, 'short', False) else (10, 5)
    if getattr(options, 'topo', None) not in (None, 'twodomains'):
        raise ValueError('two-domains needs two NetServ domains: --topo twodomains (or none), not %s' % options.topo)
    net, _ = common.network(options, 'twodomains', 0, switches=1)
    with net:
        h2 = common.planned_ip(net, 'h2')
        net.addUser(USER, filter_prefixes=[h2 + '/32'], protocols=['udp'])
        net.start()
        print('network: h1 - s1 (domain d1, node n1) - s2 (domain d2, node n2) - h2 (%s)' % h2, flush=True)
        checks = steps(net, h2, flows, packets)
        common.keep_open(net, options)
    return common.verdict('two-domains', checks, 'one SETUP acted on by both domains, both in the response stack, '
                          'the traffic through both nodes')


def steps(net, h2, flows, packets):
    """SETUP, traffic, PROBE, REMOVE; answers [(what was checked, whether it held)]."""
    sent = flows * packets
    checks = [('before: all %d packets arrive directly' % sent, net.udp('h1', 'h2', PORT, flows, packets)['received']
               == sent)]
    setup = net.setup(USER, MODULE, 'h1', 'h2', {'proto': 'udp', 'dst': h2 + '/32', 'port': PORT})
    print('SETUP %s_1.0 from h1 toward h2: %s %s; stack %s' % (MODULE, setup['status'], setup['reason'],
                                                             stack_text(setup)), flush=True)
    checks.append(('SETUP answered 200, the stack d2 then d1, each installed on its node',
                   setup['status'] == 200 and stack_of(setup) == [('d2', 200), ('d1', 200)]
                   and 'n2' in setup['stack'][0]['detail'] and 'n1' in setup['stack'][1]['detail']))
    arrived = net.udp('h1', 'h2', PORT, flows, packets, sport_base=31000)['received']
    counts = counted(net, sent)
    print('with the service: %d of %d arrived; NetMonitor counted %s' % (arrived, sent, counts), flush=True)
    checks.append(('with the service: all %d arrive' % sent, arrived == sent))
    checks.append(('n1 (d1) and n2 (d2) each counted all %d' % sent, counts == {'n1': sent, 'n2': sent}))
    probe = net.probe(USER, MODULE, 'h1', 'h2', what='status')
    print('PROBE status: %s; stack %s' % (probe['status'], stack_text(probe)), flush=True)
    checks.append(('PROBE answered by both domains', stack_of(probe) == [('d2', 200), ('d1', 200)]))
    remove = net.remove(USER, MODULE, 'h1', 'h2')
    print('REMOVE: %s; stack %s' % (remove['status'], stack_text(remove)), flush=True)
    checks.append(('REMOVE answered by both domains', stack_of(remove) == [('d2', 200), ('d1', 200)]))
    return checks


def counted(net, sent):
    """{node: packets} the user's NetMonitors report (they come with the nodes' heartbeats), once both counted
    `sent` or after 20 s."""
    def counts():
        return {node: int(r.get('packets', 0)) for node, r in sorted(net.moduleReports(MODULE, user=USER).items())}
    return common.wait_for(lambda: counts() if counts() == {'n1': sent, 'n2': sent} else None, timeout=20.0) \
        or counts()


def stack_of(answer):
    return [(e['domain'], e['code']) for e in answer['stack']]


def stack_text(answer):
    return ', '.join('%s %d %s' % (e['domain'], e['code'], e['detail'][:60]) for e in answer['stack'])
