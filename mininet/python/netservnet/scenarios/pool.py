"""The frame of the failover and drain scenarios: a pool of two service nodes on s1 running NetMonitor for alice
(an operator's reactive service over REST, UDP 5060 to h2), and h1 sending h2 steady flows that the controller
spreads over the nodes; the scenario then does something to one node and watches where the flows go."""

from netservnet.scenarios import common

USER = 'alice'
PORT = 5060
PERIOD = 0.1  # seconds between two packets of a flow


def run(scenario, options, report):
    """Runs a scenario module on the pool: its experiment(net, nodes, flows, short) -> what it measured, merged
    into report; its print_table(report), on the running network (so that --keep comes after it); answers its
    verdict: its checks(report), with its WHY."""
    report = {} if report is None else report
    count = 12 if options.short else 40
    net, nodes = common.network(options, 'single', 2, hosts=2, nodes=2)
    with net:
        one_pool(net, nodes)
        h2 = common.start(net, USER, 'h2', PORT)
        common.create_service(net, USER, 'NetMonitor', h2, PORT)
        print('NetMonitor for %s on %s (reactive); h1 sends h2 %d flows, a packet every %.1f s each'
              % (USER, ', '.join(nodes), count, PERIOD), flush=True)
        report.update(scenario.experiment(net, nodes, count, options.short))
        scenario.print_table(report)
        common.keep_open(net, options)
    return common.verdict(scenario.__name__.rsplit('.', 1)[-1], scenario.checks(report), scenario.WHY)


def one_pool(net, nodes):
    """Refuses, in the experimenter's words, a topology whose nodes are not one domain's pool: there no flow could
    move from one node to the other."""
    domains = {n: net.domain_of(net.serviceNodes[n]['switch']) for n in nodes}
    if len(set(domains.values())) > 1:
        where = ', '.join('%s in %s' % nd for nd in sorted(domains.items()))
        raise ValueError('this scenario moves flows between the nodes of one pool, and this topology puts its nodes'
                         ' in different NetServ domains (%s)' % where)
