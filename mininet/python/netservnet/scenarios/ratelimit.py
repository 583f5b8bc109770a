"""ratelimit: the RateLimiter module on a real node capping a flow (the thesis's Rate_Limiter, appendix B).

In the thesis's self-protection loop the manager deploys "a Rate_Limiter module ... in order to protect the victim
against the overwhelming service requests", one that "decreases the service request rate ... to a value as close
as possible to the target value". Here user alice signals SETUP of RateLimiter (a token bucket per source:
`rate` packets a second, `burst` at once) from h1 toward h2 for UDP 5060 to h2, then h1 sends h2 one steady flow
below the rate, then one above it. Holds when below the rate the module drops nothing and everything arrives,
above it h2 receives burst + rate x seconds within TOLERANCE (the bucket's arithmetic, timed by the sender's own
clock), and in both h2 receives exactly what the module passed (its counters, read back from the node's reports):
nothing went around it.
"""

import time

from netservnet.scenarios import common, flows

DESCRIPTION = 'RateLimiter on a real node caps a flow at its rate; below the rate everything passes (appendix B)'
MODULE = 'RateLimiter'
USER = 'alice'
PORT = 5060
RATE, BURST = 100, 50          # packets a second, packets at once (half a second: a stalled node catches up)
BELOW, ABOVE = 50, 300         # the two flows' rates, packets a second
TOLERANCE = 0.10               # of the expected count above the rate


def run(options, report=None):
    report = {} if report is None else report
    seconds = 3 if options.short else 8
    net, nodes = common.network(options, 'single', 1, hosts=2, nodes=1)
    with net:
        h2 = common.start(net, USER, 'h2', PORT)
        print('h1 signals SETUP %s_1.0 (rate %d/s, burst %d) toward h2 (udp %d to %s); nodes %s'
              % (MODULE, RATE, BURST, PORT, h2, ', '.join(nodes)), flush=True)
        setup = net.setup(USER, MODULE, 'h1', h2, {'proto': 'udp', 'dst': h2 + '/32', 'port': PORT}, ttl=600,
                          properties={'rate': str(RATE), 'burst': str(BURST)})
        report['setup'] = setup.get('status')
        report['below'] = flow(net, BELOW, seconds, {'passed': 0, 'dropped': 0})
        time.sleep(1.5)  # the bucket fills again (it holds at most BURST)
        report['above'] = flow(net, ABOVE, seconds, report['below']['module_total'])
        print_table(report)
        common.keep_open(net, options)
    return common.verdict('ratelimit', checks(report), 'below %d/s everything arrived; above it h2 got the bucket\'s '
                          'burst + rate x seconds within %d%%' % (RATE, TOLERANCE * 100))


def flow(net, pps, seconds, module_before):
    """One flow from h1 to h2:5060 at pps for about `seconds`: sent, received, what the bucket allows, and what
    RateLimiter passed and dropped of it (its counters since module_before, its totals before the flow)."""
    flows.measured_stream(net, 'h1', 'h2', PORT, 1, 1.0 / pps, 40000 + pps)
    try:
        time.sleep(seconds)
    finally:
        r = flows.measured_stream_stop(net)
    total = counters(net, sum(module_before.values()) + r['sent'])
    return {'pps': pps, 'sent': r['sent'], 'seconds': r['seconds'], 'received': r['received'],
            'expected': round(min(r['sent'], BURST + RATE * r['seconds'])), 'module_total': total,
            'passed': total['passed'] - module_before['passed'], 'dropped': total['dropped'] - module_before['dropped']}


def counters(net, expected):
    """RateLimiter's passed and dropped over the nodes, once they add up to expected (heartbeats) or 20 s passed."""
    def read():
        reports = net.moduleReports(MODULE, user=USER).values()
        return {key: sum(r.get(key, 0) for r in reports) for key in ('passed', 'dropped')}

    common.wait_for(lambda: sum(read().values()) >= expected, timeout=20)
    return read()


def print_table(report):
    rows = [('%s the rate (%d/s)' % (name, report[name]['pps']), report[name]['sent'],
             '%.1f' % report[name]['seconds'], report[name]['passed'], report[name]['dropped'],
             report[name]['expected'], report[name]['received']) for name in ('below', 'above')]
    common.table(['flow (rate limit %d/s, burst %d)' % (RATE, BURST), 'sent', 'seconds', 'module passed',
                  'module dropped', 'expected', 'h2 received'], rows)


def checks(report):
    below, above = report['below'], report['above']
    return [('SETUP answered 200 (%s)' % report['setup'], report['setup'] == 200),
            ('below the rate RateLimiter dropped nothing (%d) and every packet arrived' % below['dropped'],
             below['dropped'] == 0 and below['received'] == below['sent'] > 0),
            ('above the rate more was sent than the bucket allows', above['sent'] > above['expected']),
            ('above the rate h2 received the expected count within %d%%' % (TOLERANCE * 100),
             abs(above['received'] - above['expected']) <= TOLERANCE * above['expected']),
            ('h2 received what RateLimiter passed, nothing around it',
             below['passed'] == below['received'] and above['passed'] == above['received'])]
