"""ratelimit: the RateLimiter module on a real node capping a flow (the thesis's Rate_Limiter, appendix B).

In the thesis's self-protection loop the manager deploys "a Rate_Limiter module ... in order to protect the victim
against the overwhelming service requests", one that "decreases the service request rate ... to a value as close
as possible to the target value". Here user alice signals SETUP of RateLimiter (a token bucket per source:
`rate` packets a second, `burst` at once) from h1 toward h2 for UDP 5060 to h2, then h1 sends h2 one steady flow
below the rate, then one above it. Holds when everything below the rate arrives, and above it h2 receives
burst + rate x seconds within TOLERANCE (the bucket's arithmetic, timed by the sender's own clock), while the
module's counters say every packet reached it (passed + dropped = sent) and it passed exactly what h2 got.
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
        report['below'] = flow(net, BELOW, seconds)
        time.sleep(1.5)  # the bucket fills again (it holds at most BURST)
        report['above'] = flow(net, ABOVE, seconds)
        report['module'] = counters(net, report['below']['sent'] + report['above']['sent'])
        print_table(report)
        common.keep_open(net, options)
    return common.verdict('ratelimit', checks(report), 'below %d/s everything arrived; above it h2 got the bucket\'s '
                          'burst + rate x seconds within %d%%' % (RATE, TOLERANCE * 100))


def flow(net, pps, seconds):
    """One flow from h1 to h2:5060 at pps for about `seconds`: sent, received, and what the bucket allows."""
    flows.measured_stream(net, 'h1', 'h2', PORT, 1, 1.0 / pps, 40000 + pps)
    try:
        time.sleep(seconds)
    finally:
        r = flows.measured_stream_stop(net)
    allowed = min(r['sent'], BURST + RATE * r['seconds'])
    return {'pps': pps, 'sent': r['sent'], 'seconds': r['seconds'], 'received': r['received'],
            'expected': round(allowed)}


def counters(net, sent):
    """RateLimiter's passed and dropped over the nodes, once they account for every packet sent (or 20 s)."""
    def read():
        reports = net.moduleReports(MODULE, user=USER).values()
        return {key: sum(r.get(key, 0) for r in reports) for key in ('passed', 'dropped')}

    common.wait_for(lambda: sum(read().values()) >= sent, timeout=20)
    return read()


def print_table(report):
    rows = [('%s the rate (%d/s)' % (name, report[name]['pps']), report[name]['sent'],
             '%.1f' % report[name]['seconds'], report[name]['expected'], report[name]['received'])
            for name in ('below', 'above')]
    common.table(['flow (rate limit %d/s, burst %d)' % (RATE, BURST), 'sent', 'seconds', 'expected', 'received'],
                 rows)
    print('RateLimiter reports: passed %(passed)d, dropped %(dropped)d' % report['module'])


def checks(report):
    below, above, module = report['below'], report['above'], report['module']
    return [('SETUP answered 200 (%s)' % report['setup'], report['setup'] == 200),
            ('below the rate every packet arrived', below['received'] == below['sent'] > 0),
            ('above the rate more was sent than the bucket allows', above['sent'] > above['expected']),
            ('above the rate h2 received the expected count within %d%%' % (TOLERANCE * 100),
             abs(above['received'] - above['expected']) <= TOLERANCE * above['expected']),
            ('every packet reached RateLimiter (passed + dropped = sent)',
             module['passed'] + module['dropped'] == below['sent'] + above['sent']),
            ('h2 received exactly what RateLimiter passed', module['passed'] == below['received'] + above['received'])]
