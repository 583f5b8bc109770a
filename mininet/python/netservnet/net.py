"""NetServNet: NetServ on any Mininet topology, with everything it needs started and torn down for you.

    net = NetServNet(topo=topos.Single(hosts=2, nodes=0, prefix=p), prefix=p)
    net.addServiceNode('s1', pool='pool', weight=1)     # before start(); topologies may declare nodes too
    alice = net.addUser('alice', filter_prefixes=['10.0.0.0/24'], protocols=['udp'])
    with net:
        net.start()
        answer = net.setup(alice, 'NetMonitor', 'h1', 'h2', {'proto': 'udp', 'dst': '10.0.0.2/32'})

start() brings up, in order: the management network (a Linux bridge) with the module server on it, the
Mininet network (built, not started), one controller process per NetServ domain (one unless the topology
has a `domains` map) configured with every service node's place, pool, weight and token, the switches
(each to its domain's controller; offloads off on every link, as the userspace datapath needs), the node
hosts cabled to the management network, a node agent in each (IPv6 off), and returns once every node is
registered and healthy, every controller knows every cable of its domain, and the host ports are out of
the topology's port quarantine.

stop() undoes all of it, by PID and by name, whatever state start() or the experiment left: it is
idempotent, runs on leaving a `with` block and at interpreter exit (atexit), and keeps going when a step
fails. Names it adds in the root namespace carry the prefix (or, for a topology of plain names, a run tag).
"""

import atexit
import os
import re
import shutil
import signal
import sys
import tempfile
import threading
import time

from mininet.cli import CLI

from netservof import connections, fabric
from netservof.scenario import Session
from netservnet import topos
from netservnet.commands import NetCommands
from netservnet.domain import Domain, colon_dpid, write_secret
from netservnet.management import ManagementNetwork
from netservnet.modules import ModuleCatalog
from netservnet.project import LIB, MODULES, check_built, java_binary
from netservnet.users import User

QUARANTINE = 1.5  # seconds a new host port waits before the topology trusts it (with a margin)


def _exit_on_sigterm():
    """A SIGTERM (a kill by PID, `timeout`) becomes an exit, so that `with` blocks and atexit tear the network
    down; Python's default would end the process on the spot and leave it all running. Only from the main
    thread, and only where nobody has set a handler of their own. Answers the handler to put back at stop()."""
    if threading.current_thread() is threading.main_thread() and signal.getsignal(signal.SIGTERM) == signal.SIG_DFL:
        signal.signal(signal.SIGTERM, lambda signum, _: sys.exit(128 + signum))
        return signal.SIG_DFL
    return None


class NetServNet(NetCommands):
    """A Mininet network of topo with NetServ's controller(s), management network, module server, service
    nodes and users; see the module's docstring. Names (h1, s1, n1) are the topology's without the prefix."""

    def __init__(self, topo, protocols='OpenFlow13', prefix='', controller_options=None, workdir=None,
                 healthy_timeout=60):
        check_built()
        fabric.check_prefix(prefix)
        self.topo, self.protocols, self.prefix = topo, protocols, prefix
        self.controller_options = controller_options
        self.healthy_timeout = healthy_timeout
        self.tag = prefix or fabric.run_prefix()
        self.own_workdir = workdir is None
        self.workdir = workdir or tempfile.mkdtemp(prefix='netservnet-')
        os.chmod(self.workdir, 0o711)  # node containers run as nobody and read module files below it
        self.catalog = ModuleCatalog(os.path.join(self.workdir, 'modules'))
        self.catalog.add_dir(MODULES)
        self.serviceNodes = dict(getattr(topo, 'serviceNodes', {}))
        self.users, self.domains, self.node_domain = {}, {}, {}
        self.mn = self.session = self.management = None
        self.started = self.stopped = False
        self.sigterm_before = None
        atexit.register(self.stop)

    # --- before start() ------------------------------------------------------------------------------------

    def addServiceNode(self, switch, pool='pool', weight=1, name=None):
        """A service node host nK (10.0.9.K) on a new port of switch (its logical name), in pool with weight;
        returns nK (name, or the first K free)."""
        self._not_started('addServiceNode')
        name = name or next('n%d' % k for k in range(1, 255) if 'n%d' % k not in self.serviceNodes)
        if not re.match(r'n([1-9]|[1-9]\d|1\d\d|2[0-4]\d|25[0-4])$', name) or name in self.serviceNodes:
            raise ValueError('a service node is named nK (K from 1 to 254) and only once: %r' % name)
        name, self.serviceNodes[name] = topos.add_service_node(self.topo, self.prefix, int(name[1:]), switch, pool,
                                                              weight)
        return name

    def setServiceAddress(self, node, address):
        """The node's service address (ADDRESS/LEN on its data-plane interface), where server modules listen: given
        to its agent and, as the address its port may teach, to its controller's node-agents entry."""
        self._not_started('setServiceAddress')
        if node not in self.serviceNodes:
            raise ValueError('no service node %r (there are %s)' % (node, ', '.join(sorted(self.serviceNodes))))
        self.serviceNodes[node]['service_address'] = address

    def addUser(self, name, filter_prefixes=('10.0.0.0/24',), protocols=('udp',), max_services=4,
                max_rate_kbps=0, listen_ports=(), connect_to=()):
        """A signaling user with a fresh key pair, granted in every domain (listen_ports: the udp:PORT and tcp:PORT
        its server modules may listen on at a node's service address; connect_to: the PREFIX:PORT[-PORT] its
        modules may open TCP connections to from there); returns the User."""
        self._not_started('addUser')
        user = User.create(self.workdir, name, filter_prefixes, protocols, max_services, max_rate_kbps, listen_ports,
                           connect_to)
        self.users[name] = user
        return user

    def addModuleDir(self, directory):
        """Serves the module JARs (NAME.jar) of directory too."""
        self.catalog.add_dir(directory)

    def _not_started(self, what):
        if self.started:
            raise RuntimeError('%s must come before start()' % what)

    # --- start -------------------------------------------------------------------------------------------------

    def start(self):
        """Starts everything (see the module's docstring); on any failure tears down what it started and raises."""
        self._not_started('start')
        self.started = True
        self.sigterm_before = _exit_on_sigterm()
        try:
            fabric.remove_leftovers(self.prefix)
            self.management = ManagementNetwork(self.tag)
            self.management.create()
            repository = self.catalog.start(self.management.ip)
            self.mn = fabric.network(self.topo, self.protocols)
            self.mn.build()
            self.session = Session(self.mn, self.prefix)
            self._start_domains(repository)
            connected_at = self._start_switches()
            self._start_agents(repository)
            self._wait_healthy()
            self._wait_fabric()
            time.sleep(max(0.0, connected_at + QUARANTINE - time.time()))
        except Exception as e:
            kept = self._keep_logs()
            self.stop()
            raise RuntimeError('NetServNet did not start: %s; logs kept in %s' % (e, kept)) from e
        except BaseException:
            self.stop()
            raise
        return self

    def domain_of(self, switch):
        """The domain name ('d1', 'd2', ...) a switch (logical name) belongs to: the topology's `domains`."""
        return 'd%d' % getattr(self.topo, 'domains', {}).get(switch, 1)

    def _start_domains(self, repository):
        token_dir = os.path.join(self.workdir, 'node-tokens')
        os.makedirs(token_dir, mode=0o700, exist_ok=True)
        names = sorted({self.domain_of(fabric.logical(s.name, self.prefix)) for s in self.mn.switches})
        for name in names:
            agents = []
            for node, spec in self.serviceNodes.items():
                if self.domain_of(spec['switch']) == name:
                    self.node_domain[node] = name
                    agents.append(self._node_agent(node, spec, token_dir))
            domain = Domain(name, self.workdir)
            self.domains[name] = domain
            domain.start(domain.config(self.management.ip, repository, agents, self.users.values(),
                                       self.controller_options))

    def _node_agent(self, node, spec, token_dir):
        """The node's node-agents entry: where its link is plugged in (as built), its pool, weight and token."""
        intf = self.host(node).defaultIntf()
        sw_intf = intf.link.intf2 if intf.link.intf1 is intf else intf.link.intf1
        token_file = os.path.join(token_dir, node + '.token')
        write_secret(token_file)
        entry = {'id': node, 'token-file': token_file, 'pool': spec['pool'], 'dpid': colon_dpid(sw_intf.node.dpid),
                 'port': sw_intf.node.ports[sw_intf], 'weight': spec['weight']}
        if spec.get('service_address'):  # the address the node's port may teach the controller's host tracking
            entry['service-address'] = spec['service_address'].split('/')[0]
        return entry

    def _start_switches(self):
        """Each switch to its domain's controller; returns when all are connected."""
        controllers = {name: fabric.add_controller(self.mn, '%sc%s' % (self.tag, name), d.of_address)
                       for name, d in self.domains.items()}
        for c in controllers.values():
            c.start()
        log = connections.ConnectionLog()  # before the switches start: only what they log from now on counts
        for sw in self.mn.switches:
            sw.start([controllers[self.domain_of(fabric.logical(sw.name, self.prefix))]])
        fabric.disable_offloads(self.mn)
        if not connections.wait_connected(self.mn, log, timeout=30):
            raise RuntimeError('the switches did not connect to the controller')
        return time.time()

    def _start_agents(self, repository):
        self.management.attach(self.mn, self.prefix, [self.host(n) for n in self.serviceNodes])
        token_dir = os.path.join(self.workdir, 'node-tokens')
        for node, spec in self.serviceNodes.items():
            options = {'module-repositories': self.catalog.repository(), 'weight': spec['weight']}
            if spec.get('service_address'):
                options['service-address'] = spec['service_address']
            self.session.agent_start(node, java_binary(), LIB, self.domains[self.node_domain[node]].node_address,
                                     token_dir, pool=spec['pool'], options=options)

    def _wait_healthy(self):
        """Until every node is registered, healthy and connected in its domain; raises with the logs if not."""
        deadline = time.time() + self.healthy_timeout
        while True:
            waiting = self._unhealthy()
            if not waiting:
                return
            dead = [n for n in waiting if self.session.agents[n].poll() is not None]
            if dead or time.time() > deadline:
                raise RuntimeError('service nodes %s did not become healthy%s'
                                   % (', '.join(waiting), ' (agents of %s exited)' % dead if dead else ''))
            time.sleep(0.5)

    def _unhealthy(self):
        healthy = set()
        for name in self.domains:
            try:
                nodes = self.nodes(name)
            except OSError:  # the REST API is not up yet
                nodes = []
            for n in nodes:
                if n['state'] == 'healthy' and (n.get('agent') or {}).get('connected'):
                    healthy.add(n['id'])
        return sorted(set(self.serviceNodes) - healthy)

    def _wait_fabric(self, timeout=30):
        """Until each controller knows every cable between its own switches (both directions, from its LLDP
        probes): in a topology with loops, forwarding needs the whole fabric (FabricIT waits the same way)."""
        expected = self._cables()
        deadline = time.time() + timeout
        while True:
            missing = {d: len(cables - self._known_cables(d)) for d, cables in expected.items()}
            missing = {d: n for d, n in missing.items() if n}
            if not missing:
                return
            if time.time() > deadline:
                raise RuntimeError('links not discovered within %d s (directions missing, by domain): %s'
                                   % (timeout, missing))
            time.sleep(0.3)

    def _cables(self):
        """{domain: {(dpid, port, dpid, port)}}: both directions of each cable between two of its switches."""
        out = {name: set() for name in self.domains}
        for link in self.mn.links:
            a, b = link.intf1, link.intf2
            if a.node in self.mn.switches and b.node in self.mn.switches:
                da, db = (self.domain_of(fabric.logical(i.node.name, self.prefix)) for i in (a, b))
                if da == db:
                    ends = [(colon_dpid(i.node.dpid), i.node.ports[i]) for i in (a, b)]
                    out[da] |= {ends[0] + ends[1], ends[1] + ends[0]}
        return out

    def _known_cables(self, domain):
        try:
            links = self.rest('GET', '/wm/topology/directed-links/json', domain=domain)
        except OSError:
            return set()
        return {(lk['src-switch'], lk['src-port'], lk['dst-switch'], lk['dst-port']) for lk in links}

    def _keep_logs(self):
        """Copies the controllers' and agents' logs out of the work directory (stop() removes it) into a
        directory of their own, for the experimenter to read; returns it."""
        kept = tempfile.mkdtemp(prefix='netservnet-logs-')
        logs = {d.name + '-controller.log': d.log_path for d in self.domains.values()}
        if self.session is not None:
            logs.update({n + '-agent.log': os.path.join(self.session.workdir, n + '-agent.log')
                         for n in self.session.agents})
        for name, path in logs.items():
            if os.path.exists(path):
                shutil.copy(path, os.path.join(kept, name))
        return kept

    # --- while it runs -----------------------------------------------------------------------------------------

    def host(self, name):
        """The Mininet host (or any node) by logical name."""
        return self.mn.get(self.prefix + name)

    switch = host

    def hosts_ip(self, name):
        return self.host(name).IP()

    def dataHosts(self):
        """The hosts that are not service nodes, by logical name."""
        return [fabric.logical(h.name, self.prefix) for h in self.mn.hosts
                if fabric.logical(h.name, self.prefix) not in self.serviceNodes]

    def pingAll(self, timeout=2):
        """Mininet's pingAll among the data hosts (service nodes carry no traffic of their own): loss in %."""
        return self.mn.ping(hosts=[self.host(h) for h in self.dataHosts()], timeout=timeout)

    def cli(self):
        """Mininet's command line on the running network (`./netserv demo --keep`); returns when it is left."""
        CLI(self.mn)

    # --- stop --------------------------------------------------------------------------------------------------

    def stop(self):
        """Tears everything down (see the module's docstring); safe to call again and after any failure."""
        if self.stopped:
            return
        self.stopped = True
        atexit.unregister(self.stop)
        self._step('the network and node agents', self._stop_network)
        for d in self.domains.values():
            self._step('controller %s' % d.name, d.stop)
        self._step('the module server', self.catalog.close)
        if self.management is not None:
            self._step('the management network', self.management.close)
        if self.own_workdir:
            shutil.rmtree(self.workdir, ignore_errors=True)
        if self.sigterm_before is not None and threading.current_thread() is threading.main_thread():
            # the process outlives this network: SIGTERM ends it again
            signal.signal(signal.SIGTERM, self.sigterm_before)

    def _stop_network(self):
        if self.session is not None:
            self.session.close()  # agents (by PID), the network, leftovers with the prefix, its work directory
        elif self.mn is not None:
            self.mn.stop()
            fabric.remove_leftovers(self.prefix)

    @staticmethod
    def _step(what, action):
        try:
            action()
        except Exception as e:  # the other steps must still run
            print('netservnet: stopping %s failed: %s' % (what, e), file=sys.stderr)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()
        return False
