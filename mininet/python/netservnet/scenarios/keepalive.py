"""keepalive: the thesis's KeepAlive Responder (section 7.2), `./netserv demo`'s default.

"Millions of UAs sending a keep-alive every 15 seconds represent a significant consumption of network and server
resources." A SIP server h1 (on s1) and user agents (on s2) that send it keep-alives; a service node on each
switch. "When an NSIS-enabled SIP server starts receiving NAT keep-alive traffic from a SIP UA, it initiates NSIS
signaling in order to find a NetServ router along the network path to the SIP UA": the server's operator (user
itsp) signals SETUP of KeepAliveResponder toward a user agent; the controller checks the signature and the grant,
installs the module on the nodes and steers keep-alives through them, so that "it generates a reply on behalf of
the SIP server, sends it to the SIP UA, and discards the original request", and the server sees none. REMOVE
restores the old path. Holds when every keep-alive reaches the server before the SETUP and after the REMOVE, and
with the module every one is answered and none reaches the server.
"""

from netservnet.scenarios import common

DESCRIPTION = 'KeepAliveResponder answers SIP keep-alives on the server\'s behalf: the server sees none (thesis 7.2)'
MODULE = 'KeepAliveResponder'
USER = 'itsp'


def add_arguments(parser):
    parser.add_argument('--uas', type=int, default=3, help='keepalive: user agent hosts (default 3)')
    parser.add_argument('--keepalives', type=int, default=4,
                        help='keepalive: keep-alives per user agent per phase (default 4)')
    parser.add_argument('--gap', type=float, default=0.5,
                        help='keepalive: seconds between keep-alives (default 0.5; real user agents wait 15-30 s)')


def settings(options):
    """(user agents, keep-alives each, gap): the short form is one round of three quick keep-alives."""
    if options.short:
        return 1, 3, 0.1
    return (getattr(options, 'uas', 3), getattr(options, 'keepalives', 4), getattr(options, 'gap', 0.5))


def run(options, report=None):
    uas, count, gap = settings(options)
    report = {} if report is None else report
    net, nodes = common.network(options, 'isp', 2, edges=1, users=uas, servers=1)
    with net:
        server_ip = common.start(net, USER, 'h1', 5060)
        agents = sorted((h for h in net.dataHosts() if h != 'h1'), key=lambda h: int(h[1:]))[:uas]
        print('network: SIP server h1 (%s), user agents %s, service nodes %s' % (server_ip, ', '.join(agents),
                                                                                 ', '.join(nodes)), flush=True)
        report.update(phases(net, agents, count, gap, server_ip))
        rows = [(name, r['sent'], r['answered'], r['server']) for name, r in report['rounds']]
        common.table(['phase', 'sent', '200 OKs', 'reached server'], rows)
        common.keep_open(net, options)
    return common.verdict('keepalive', checks(report), 'keep-alives reach the server except while the module runs,'
                          ' when every one is answered by the nodes')


def phases(net, agents, count, gap, server_ip):
    """Keep-alives before the SETUP, with the module, and after the REMOVE."""
    print('phase 1: keep-alives straight to the server', flush=True)
    before = keep_alive_round(net, agents, count, gap)
    ua_ip = net.hosts_ip(agents[0])
    print('h1 signals SETUP %s_1.0 toward %s (udp 5060 to %s, ttl 600 s)' % (MODULE, ua_ip, server_ip), flush=True)
    setup = net.setup(USER, MODULE, 'h1', ua_ip, {'proto': 'udp', 'dst': server_ip + '/32', 'port': 5060}, ttl=600)
    show(setup)
    print('phase 2: keep-alives with the module on the path', flush=True)
    during = keep_alive_round(net, agents, count, gap)
    print('h1 signals REMOVE %s_1.0' % MODULE, flush=True)
    remove = net.remove(USER, MODULE, 'h1', ua_ip)
    show(remove)
    print('phase 3: keep-alives after REMOVE', flush=True)
    after = keep_alive_round(net, agents, count, gap)
    return {'setup': setup.get('status'), 'remove': remove.get('status'),
            'rounds': [('before SETUP', before), ('with ' + MODULE, during), ('after REMOVE', after)]}


def show(answer):
    """The response as it came on the wire (status line, stack of domains), or why none came."""
    for line in (answer.get('raw') or answer.get('stderr') or 'no response').splitlines():
        if line.strip():
            print('    | ' + line)


def keep_alive_round(net, agents, count, gap):
    """Every user agent sends its keep-alives to the server: totals sent, answered, and what the server got."""
    totals = {'sent': 0, 'answered': 0, 'server': 0}
    for ua in agents:
        r = net.sip_keepalives(ua, 'h1', count=count, gap=gap)
        totals['sent'] += r['sent']
        totals['answered'] += r['answered']
        totals['server'] += r['server_received']
    return totals


def checks(report):
    (_, before), (_, during), (_, after) = report['rounds']
    return [('SETUP and REMOVE answered 200 (%s, %s)' % (report['setup'], report['remove']),
             report['setup'] == 200 and report['remove'] == 200),
            ('before SETUP every keep-alive reached the server, none answered by a node',
             before['server'] == before['sent'] > 0 and before['answered'] == 0),
            ('with the module every keep-alive was answered and none reached the server',
             during['answered'] == during['sent'] > 0 and during['server'] == 0),
            ('after REMOVE every keep-alive reached the server again, none answered by a node',
             after['server'] == after['sent'] > 0 and after['answered'] == 0)]
