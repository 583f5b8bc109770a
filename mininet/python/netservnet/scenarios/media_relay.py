"""media-relay: the thesis's Media Relay (section 7.3) as a server module on the node near one user agent.

"Two user agents that cannot reach each other directly" (behind NATs or firewalls) need a relay, and the one that
adds least is one close to them. Host h1 (on s1, with service node n1) and h2 (on s2) first exchange media straight
(the peer in the same run); then user voip signals SETUP of MediaRelay, a TURN server, toward h2; the controller
installs it on n1, which listens on its service address (10.0.0.100) on the ports voip's listen-ports grant names.
voip PROBEs for the node's address. The hosts' direct path is cut (a blackhole route on each for the other), and h1
allocates a relay port on the node, permits h2, and sends numbered media packets that h2 echoes back through the
relay, while h3 (on s3, never permitted) sprays the relay ports. Holds when the direct path carried the media before
it was cut (95%: the first packets of a new flow may be lost) and none after, the relay carried (almost) all of it,
h2 saw it come from the node's relay port, h1 got no data from h3, and PROBE told the node's address. Prints the
relay's added delay against the direct path.
"""

from netservnet.scenarios import common

DESCRIPTION = 'MediaRelay: two hosts that cannot reach each other exchange media through a TURN relay on a node (7.3)'
MODULE = 'MediaRelay'
USER = 'voip'
SERVICE_ADDRESS = '10.0.0.100'
TURN_PORT, RELAY_PORTS, MEDIA_PORT = 3478, (49152, 49155), 5004
TURN = common.kit_script('turn.py')


def add_arguments(parser):
    parser.add_argument('--packets', type=int, default=200, help='media-relay: media packets per path (default 200)')


def packets(options):
    """Media packets per path: 30 in the short form (the tests'), else --packets."""
    return 30 if options.short else getattr(options, 'packets', 200)


def run(options, report=None):
    report = {} if report is None else report
    count = packets(options)
    net, nodes = common.network(options, 'linear', 1, switches=3, nodes=(1,))
    with net:
        start(net, nodes[0])
        h1, h2 = net.hosts_ip('h1'), net.hosts_ip('h2')
        print('network: h1 %s on s1 with node %s (service address %s), h2 %s on s2' % (h1, nodes[0], SERVICE_ADDRESS,
                                                                                       h2), flush=True)
        echo = net.host('h2').popen(['/usr/bin/python3', TURN, 'echo', '--port', str(MEDIA_PORT), '--seconds',
                                     str(60 + count * 0.1)], stdout=-1)
        try:
            report.update(phases(net, h1, h2, count))
        finally:
            echo.terminate()
            report['echo'] = common.last_json(echo.communicate(timeout=10)[0].decode())
        print_figures(report)
        common.keep_open(net, options)
    return common.verdict('media-relay', checks(report), 'h1 and h2, cut off from each other, exchanged media '
                          'through the TURN relay on the node near h1')


def start(net, node):
    """voip may listen on the TURN port and the relay ports; the node has its service address."""
    ports = ['udp:%d' % TURN_PORT] + ['udp:%d' % p for p in range(RELAY_PORTS[0], RELAY_PORTS[1] + 1)]
    net.setServiceAddress(node, SERVICE_ADDRESS + '/24')
    net.addUser(USER, filter_prefixes=[common.planned_ip(net, 'h1') + '/32'], protocols=['udp'], listen_ports=ports)
    net.start()


def phases(net, h1, h2, count):
    out = {'h2': h2, 'direct': media(net, 'direct', h2, count)}
    print('h1 signals SETUP %s_1.0 toward h2' % MODULE, flush=True)
    setup = net.setup(USER, MODULE, 'h1', h2, {'proto': 'udp', 'dst': h1 + '/32', 'port': 9}, ttl=600,
                      properties={'port': TURN_PORT, 'relay-ports': '%d-%d' % RELAY_PORTS, 'clients': h1 + '/32'})
    out['setup'] = setup.get('status')
    out['addresses'] = probe_addresses(net, h2)
    print('PROBE: %s runs on %s' % (MODULE, ', '.join(out['addresses']) or 'no node with an address'), flush=True)
    cut(net, h1, h2, 'add')
    out['direct_cut'] = media(net, 'direct', h2, max(5, count // 10))
    server = out['addresses'][0] if out['addresses'] else SERVICE_ADDRESS
    spray = net.host('h3').popen(['/usr/bin/python3', TURN, 'spray', '--to', server, '--ports', '%d-%d' % RELAY_PORTS,
                                  '--seconds', str(5 + count * 0.03)], stdout=-1)
    out['relay'] = media(net, 'relay', h2, count, server)
    out['spray'] = common.last_json(spray.communicate(timeout=60)[0].decode())
    out['module'] = dropped_report(net)
    print('  the module\'s report: %s' % out['module'], flush=True)
    cut(net, h1, h2, 'del')  # the REMOVE goes toward h2 from h1
    out['remove'] = net.remove(USER, MODULE, 'h1', h2).get('status')
    return out


def dropped_report(net):
    """The relay's report once it counts dropped datagrams (h3's spray), or its last one after 30 s: reports
    come with the node's heartbeats."""
    def report():
        reports = net.moduleReports(MODULE, USER)
        return next(iter(reports.values()), {})
    return common.wait_for(lambda: report() if report().get('dropped', 0) > 0 else None, timeout=30) or report()


def cut(net, h1, h2, action):
    """Adds (or deletes) a blackhole route on each host for the other: they cannot reach each other directly."""
    for host, other in (('h1', h2), ('h2', h1)):
        net.host(host).cmd('ip route %s blackhole %s/32' % (action, other))


def probe_addresses(net, h2):
    """The service addresses PROBE gives for the nodes that run the relay (the publisher finds its server)."""
    answer = net.probe(USER, MODULE, 'h1', h2, what='modules')
    return sorted({a for body in answer.get('body', {}).values() if isinstance(body, dict)
                   for key, service in (body.get('modules') or {}).items() if key.startswith(MODULE + '_')
                   for a in service.get('addresses', [])})


def media(net, mode, peer, count, server=None):
    """h1 sends count media packets to h2's echo, straight or through the relay at server; its figures."""
    args = ['/usr/bin/python3', TURN, mode, '--peer', peer, '--peer-port', str(MEDIA_PORT), '--count', str(count),
            '--gap', '0.02', '--timeout', '1']
    if server:
        args += ['--server', server, '--port', str(TURN_PORT)]
    result = common.last_json(net.host('h1').cmd(*args))
    print('  %s: %s' % (mode if not server else 'through the relay', result), flush=True)
    return result


def print_figures(report):
    rows = [(name, r.get('sent', 0), r.get('echoed', 0), r.get('rtt_ms_median'), r.get('rtt_ms_p90'))
            for name, r in (('direct (before the cut)', report['direct']), ('direct (cut)', report['direct_cut']),
                            ('through the relay on the node', report['relay']))]
    common.table(['path', 'sent', 'echoed', 'rtt median ms', 'rtt p90 ms'], rows)
    direct, relayed = report['direct'].get('rtt_ms_median'), report['relay'].get('rtt_ms_median')
    if direct is not None and relayed is not None:
        print('the relay adds %.3f ms to the median round trip (%.3f ms direct, %.3f ms relayed)'
              % (relayed - direct, direct, relayed), flush=True)


def checks(report):
    relay, direct, cut = report['relay'], report['direct'], report['direct_cut']
    from_node = [s for s in report['echo'].get('senders', []) if s.startswith(SERVICE_ADDRESS + ':')]
    return [('SETUP and REMOVE answered 200 (%s, %s)' % (report['setup'], report['remove']),
             report['setup'] == 200 and report['remove'] == 200),
            ('PROBE gave the node\'s service address (%s)' % report['addresses'],
             SERVICE_ADDRESS in report['addresses']),
            ('the direct path carried at least 95%% before the cut (%s)' % direct,
             direct.get('sent', 0) > 0 and direct.get('echoed', 0) >= 0.95 * direct['sent']),
            ('the direct path carried none after the cut (%s)' % cut, cut.get('echoed', 1) == 0),
            ('the relay carried at least 95%% of the media (%s)' % relay,
             relay.get('sent', 0) > 0 and relay.get('echoed', 0) >= 0.95 * relay['sent']),
            ('h2 got the media from the node\'s relay port (%s)' % from_node, bool(from_node)),
            ('h1 got data from h2 only, none of the %s datagrams h3 sprayed (%s)' % (report['spray'].get('sent'),
                                                                                 relay.get('data_from')),
             report['spray'].get('sent', 0) > 0 and set(relay.get('data_from', {})) <= {h2_of(report)}),
            ('the node dropped datagrams of no permission (%s)' % report['module'].get('dropped'),
             report['module'].get('dropped', 0) > 0)]


def h2_of(report):
    """h2's address and echo port, as the relay names the peer in its Data indications."""
    return report['h2'] + ':%d' % MEDIA_PORT
