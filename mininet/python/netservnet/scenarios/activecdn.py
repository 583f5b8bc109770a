"""activecdn: the thesis's ActiveCDN (section 7.1) as a server module on the node near the users.

A content provider's origin h1 (on the core switch s1) serves video objects; its users are on an edge switch with
service node n1. The provider signals SETUP of ActiveCdn toward a user; the controller installs it on n1, which
serves HTTP on its service address (10.0.0.100:8080, as the provider's listen-ports grant allows). The provider
PROBEs for the node's address and its redirector (h1:8001) answers each user's request with a 302 to the node. A
user fetches an object three times through the redirector: the first is fetched by the node from the origin
(X-Cache: MISS), the next ones are served by the node (X-Cache: HIT) without reaching the origin, which counts every
request it gets; then h2 attacks the node's server (a path out of the content, another host, an endless request
line, a request never finished). Holds when that is so, the attacks were refused or cut off, and PROBE gave the
address. Prints the hit latency against fetching straight from the origin (the peer, in the same run).
"""

import json
import shlex
import time

from netservnet import cdn
from netservnet.scenarios import common

DESCRIPTION = 'ActiveCdn serves a provider\'s objects from the node: the second request never reaches the origin (7.1)'
MODULE = 'ActiveCdn'
USER = 'provider'
SERVICE_ADDRESS = '10.0.0.100'
CDN_PORT, ORIGIN_PORT, REDIRECTOR_PORT = 8080, 8000, 8001
CDN = common.kit_script('cdn.py')


def add_arguments(parser):
    parser.add_argument('--fetches', type=int, default=10, help='activecdn: fetches per path (default 10)')


def run(options, report=None):
    fetches = 3 if options.short else getattr(options, 'fetches', 10)
    report = {} if report is None else report
    net, nodes = common.network(options, 'isp', 1, edges=1, users=1, servers=1)
    with net:
        start(net, nodes[0])
        origin_ip, user_ip = net.hosts_ip('h1'), net.hosts_ip('h2')
        print('network: origin h1 %s, user h2 %s, node %s (service address %s)' % (origin_ip, user_ip, nodes[0],
                                                                                  SERVICE_ADDRESS), flush=True)
        servers = [background(net, 'h1', 'origin', '--port', ORIGIN_PORT, '--objects', 2, '--size', 50000)]
        try:
            report.update(phases(net, origin_ip, user_ip, fetches, servers))
        finally:
            for s in servers:
                s.terminate()
                s.communicate(timeout=10)
        print_figures(report)
        common.keep_open(net, options)
    return common.verdict('activecdn', checks(report), 'the node served the object again without the origin, '
                          'at the address PROBE gave the provider')


def start(net, node):
    net.setServiceAddress(node, SERVICE_ADDRESS + '/24')
    # connect-to: the node fetches a miss from the origin alone, over a connection its agent makes for the module
    net.addUser(USER, filter_prefixes=[common.planned_ip(net, 'h2') + '/32'], protocols=['udp'],
                listen_ports=['tcp:%d' % CDN_PORT],
                connect_to=['%s/32:%d' % (common.planned_ip(net, 'h1'), ORIGIN_PORT)])
    net.start()


def background(net, host, *args):
    return net.host(host).popen(['/usr/bin/python3', CDN] + [str(a) for a in args] + ['--seconds', '600'],
                                stdout=-1)


def phases(net, origin_ip, user_ip, fetches, servers):
    origin = '%s:%d' % (origin_ip, ORIGIN_PORT)
    wait_for_origin(net, origin)
    out = {'origin': get(net, 'http://%s/content/obj0' % origin, fetches)}
    setup = net.setup(USER, MODULE, 'h1', user_ip, {'proto': 'udp', 'dst': user_ip + '/32', 'port': 9}, ttl=600,
                      properties={'origin': 'http://' + origin, 'port': CDN_PORT})
    out['setup'] = setup.get('status')
    out['addresses'] = cdn.node_addresses(net.probe(USER, MODULE, 'h1', user_ip, what='modules'), MODULE + '_1.0')
    print('PROBE: %s runs on %s' % (MODULE, ', '.join(out['addresses']) or 'no node with an address'), flush=True)
    node = '%s:%d' % (out['addresses'][0], CDN_PORT) if out['addresses'] else None
    servers.append(background(net, 'h1', 'redirector', '--port', REDIRECTOR_PORT, '--origin', origin,
                              *(('--node', node) if node else ())))
    time.sleep(1.0)  # the redirector binds its port
    before = origin_stats(net, origin)
    out['cdn'] = get(net, 'http://%s:%d/content/obj1' % (origin_ip, REDIRECTOR_PORT), fetches)
    out['origin_got'] = origin_stats(net, origin).get('/content/obj1', 0) - before.get('/content/obj1', 0)
    out['hostile'] = hostile(net, out['addresses'])
    out['module'] = net.moduleReports(MODULE, USER)
    out['remove'] = net.remove(USER, MODULE, 'h1', user_ip).get('status')
    return out


def hostile(net, addresses):
    """h2 attacks the node's server: a path out of the content, an absolute URI for another host, an endless
    request line, and a request never finished (cut off after request-timeout-ms, 5 s)."""
    if not addresses:
        return {}
    answer = common.last_json(net.host('h2').cmd('/usr/bin/python3', CDN, 'hostile', '--host', addresses[0],
                                                 '--port', str(CDN_PORT)))
    print('  hostile requests to the node: %s' % answer, flush=True)
    return answer


def get(net, url, count):
    answer = common.last_json(net.host('h2').cmd('/usr/bin/python3', CDN, 'get', '--url', url, '--count', str(count)))
    return answer.get('fetches', [answer])


def origin_stats(net, origin):
    """What reached the origin, by path (asked from the origin's own host, as its operator would); {} if it did
    not answer."""
    return stats_or_none(net, origin) or {}


def stats_or_none(net, origin):
    # cmd() hands one line to the host's shell: the program is quoted, else the shell reads its ( and ; itself
    program = ('import urllib.request,sys;'
               'sys.stdout.write(urllib.request.urlopen("http://%s/stats",timeout=5).read().decode())' % origin)
    text = net.host('h1').cmd('/usr/bin/python3 -c ' + shlex.quote(program))
    try:
        return json.loads(text.strip().splitlines()[-1])
    except (ValueError, IndexError):
        return None


def wait_for_origin(net, origin, seconds=15):
    """Until the origin, started in the background, answers: the first direct fetch must not race its bind."""
    deadline = time.time() + seconds
    while stats_or_none(net, origin) is None:
        if time.time() > deadline:
            raise RuntimeError('the origin %s did not answer within %d s' % (origin, seconds))
        time.sleep(0.2)


def median(values):
    values = sorted(values)
    return values[len(values) // 2] if values else None


def print_figures(report):
    hits = [f['ms'] for f in report['cdn'][1:] if f.get('x_cache') == 'HIT']
    rows = [('straight from the origin', len(report['origin']), median([f.get('ms', 0) for f in report['origin']])),
            ('node, first request (MISS)', 1, report['cdn'][0].get('ms')),
            ('node, later requests (HIT)', len(hits), median(hits))]
    common.table(['fetch (h2, 50000 bytes, via the redirector for the node)', 'requests', 'median ms'], rows)
    print('requests for the object that reached the origin while the node served it: %d' % report['origin_got'])


def checks(report):
    first, later = report['cdn'][0], report['cdn'][1:]
    node_url = 'http://%s:%d/' % (SERVICE_ADDRESS, CDN_PORT)
    return [('SETUP and REMOVE answered 200 (%s, %s)' % (report['setup'], report['remove']),
             report['setup'] == 200 and report['remove'] == 200),
            ('PROBE gave the node\'s service address (%s)' % report['addresses'],
             SERVICE_ADDRESS in report['addresses']),
            ('the origin served every direct fetch', all(f.get('status') == 200 for f in report['origin'])),
            ('the redirector sent the user to the node (%s)' % first.get('url'),
             str(first.get('url', '')).startswith(node_url)),
            ('the first fetch through the node was a MISS of 50000 bytes (%s)' % first,
             first.get('status') == 200 and first.get('x_cache') == 'MISS' and first.get('bytes') == 50000),
            ('every later fetch was a HIT of the same bytes',
             bool(later) and all(f.get('x_cache') == 'HIT' and f.get('bytes') == 50000 for f in later)),
            ('the origin got exactly one request for the object (%d)' % report['origin_got'],
             report['origin_got'] == 1),
            ('the node refused a path out of the content and another host with 400, an endless request line with '
             '414 (or a reset), and cut a slow client off within 8 s (%s)' % report['hostile'], hostile_held(
                 report['hostile']))]


def hostile_held(answer):
    return (answer.get('traversal') == 400 and answer.get('other_host') == 400
            and answer.get('long_line') in (414, 'reset') and (answer.get('slow_cut_off_ms') or 10 ** 9) < 8000)
