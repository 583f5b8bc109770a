"""netmonitor: the thesis's NetMonitor (section 6.3, figure 6.3), per-flow counts read back from the module.

"It requests that an application module called NetMonitor be downloaded from the given URL, installed in the
packet path to process UDP packets for port 5060". NetMonitor "maintains a count of received packets keyed by a
3-tuple: source IP address, destination IP address, and TTL". User alice signals SETUP of NetMonitor from h1
toward h2 for UDP 5060 to h2; h1 and h3 then send h2 flows to port 5060 (steered through the node) and to port
5061 (not). The counts are read back from the module itself, as its node agent reports them to the controller
(GET /netserv/v1/nodes). Holds when h2 got everything, and in each NetServ domain on the path the module's table
has exactly one row per sender with exactly the packets that sender sent to 5060, and nothing of the 5061 traffic.
"""

from netservnet.scenarios import common

DESCRIPTION = 'NetMonitor on a real node counts per-flow packets; its counts, read back, equal what was sent (6.3)'
MODULE = 'NetMonitor'
USER = 'alice'
PORT, OTHER = 5060, 5061


def sizes(options, hosts):
    """{sender: (flows, packets per flow)} to port 5060, h1 and h3 (when the topology has an h3); the short form
    sends fewer."""
    plan = {'h1': (5, 3), 'h3': (3, 2)} if options.short else {'h1': (20, 5), 'h3': (10, 3)}
    return {h: size for h, size in plan.items() if h in hosts}


def run(options, report=None):
    report = {} if report is None else report
    net, nodes = common.network(options, 'single', 1, hosts=3, nodes=1)
    with net:
        h2 = common.start(net, USER, 'h2', PORT)
        print('h1 signals SETUP %s_1.0 toward h2 (udp %d to %s); nodes %s' % (MODULE, PORT, h2, ', '.join(nodes)))
        setup = net.setup(USER, MODULE, 'h1', h2, {'proto': 'udp', 'dst': h2 + '/32', 'port': PORT}, ttl=600)
        report['setup'] = setup.get('status')
        report.update(send(net, sizes(options, net.dataHosts())))
        report.update(read_back(net, report['sent']))
        print_table(net, report)
        common.keep_open(net, options)
    return common.verdict('netmonitor', checks(report), 'NetMonitor counted, per source, exactly the packets sent to '
                          'port %d and none of port %d' % (PORT, OTHER))


def print_table(net, report):
    """NetMonitor's own rows (source, destination, TTL: its key) in each domain, beside what each source sent."""
    by_ip = {net.hosts_ip(h): h for h in report['sent']}
    rows = [(domain, src, dst, ttl, report['sent'].get(by_ip.get(src), 0), report['other_sent'].get(by_ip.get(src), 0),
             packets) for domain, src, dst, ttl, packets in report['rows']]
    rows += [(domain + ' total', '', '', '', sum(report['sent'].values()), sum(report['other_sent'].values()), total)
             for domain, total in sorted(report['module_total'].items())]
    common.table(['domain', 'source', 'destination', 'ttl', 'sent to %d' % PORT, 'sent to %d' % OTHER,
                  'NetMonitor counted'], rows)
    print('h2 received: %s' % ', '.join('%d on port %d' % (n, p) for p, n in sorted(report['received'].items())))


def send(net, plan):
    """Each sender's flows to h2:5060, and as many to h2:5061; what h2 received on each port."""
    sent, other, received = {}, {}, {PORT: 0, OTHER: 0}
    for k, (host, (n, packets)) in enumerate(sorted(plan.items())):
        for port, out, base in ((PORT, sent, 20000), (OTHER, other, 30000)):
            r = net.udp(host, 'h2', port, flows=n, packets=packets, sport_base=base + 1000 * k)
            out[host] = r['sent']
            received[port] += common.received(r, port)
    return {'sent': sent, 'other_sent': other, 'received': received}


def read_back(net, sent):
    """NetMonitor's counts per NetServ domain (every packet crosses each domain on the path, and within a domain
    the flows spread over its nodes): its rows summed over the domain's nodes, its total, and {sender: packets};
    once every domain's total adds up to what was sent (the agents report with their heartbeats) or 20 s passed."""
    by_ip = {net.hosts_ip(h): h for h in sent}
    domains = set(net.node_domain.values())

    def by_domain():
        out = {d: {'rows': {}, 'total': 0} for d in domains}
        for node, r in net.moduleReports(MODULE, user=USER).items():
            d = out[net.node_domain[node]]
            d['total'] += r.get('packets', 0)
            for row in r.get('table', []):
                key = (row['source'], row['destination'], row['ttl'])
                d['rows'][key] = d['rows'].get(key, 0) + row['packets']
        return out

    common.wait_for(lambda: all(d['total'] >= sum(sent.values()) for d in by_domain().values()), timeout=20)
    final = by_domain()
    counted = {name: {} for name in final}
    for name, d in final.items():
        for (src, _, _), packets in d['rows'].items():
            host = by_ip.get(src, src)
            counted[name][host] = counted[name].get(host, 0) + packets
    rows = [(name,) + key + (packets,) for name, d in final.items() for key, packets in d['rows'].items()]
    return {'rows': sorted(rows),
            'module_total': {name: d['total'] for name, d in final.items()}, 'counted': counted}


def checks(report):
    sent = sum(report['sent'].values())
    return [('SETUP answered 200 (%s)' % report['setup'], report['setup'] == 200),
            ('in every domain NetMonitor counted per source what it sent to %d' % PORT,
             all(c == report['sent'] for c in report['counted'].values())),
            ('in every domain NetMonitor counted %d packets in all (%s)' % (sent, report['module_total']),
             all(total == sent for total in report['module_total'].values())),
            ('h2 received every packet on both ports',
             report['received'] == {PORT: sent, OTHER: sum(report['other_sent'].values())})]
