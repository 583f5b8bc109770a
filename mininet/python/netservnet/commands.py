"""What an experimenter does with a running NetServNet: signal (SETUP, REMOVE, PROBE, TRIGGER through the
project's own client, SignalMain, run in a host), ask the REST API, send traffic and watch the nodes.
A mixin of NetServNet: it uses the network's session, domains, users and module catalog."""

import glob
import os
import signal

from netservnet import signaling
from netservnet.project import LIB, SIGNAL_MAIN, java_binary


class NetCommands:
    """Signaling, REST and traffic methods; every answer is parsed (dicts and lists), never text to grep."""

    # --- signaling -------------------------------------------------------------------------------------------

    def moduleUrl(self, name):
        """(url, sha256) of a served module JAR (NAME.jar of the project's modules or an addModuleDir)."""
        return self.catalog.module(name)

    def signal(self, command, user, module, from_host, to, extra=(), module_version='1.0', timeout=30):
        """Runs `SignalMain COMMAND` in from_host toward to (a host's logical name or an IP) as user (a User or
        its name); returns signaling.parse_answer's dict: status, exit, stack, body, raw."""
        u = self.users[user] if isinstance(user, str) else user
        args = [command, '--to', self._address(to), '--user', u.name, '--key', u.key, '--module',
                '%s_%s' % (module, module_version), '--timeout', '%ds' % timeout] + [str(a) for a in extra]
        run = self.session.java(from_host, java_binary(), SIGNAL_MAIN, lib=LIB, args=args, timeout=timeout + 60)
        return signaling.parse_answer(run)

    def setup(self, user, module, from_host, to, filter, ttl=600, properties=None, module_version='1.0',
              node_id=None):
        """SETUP: the module on the nodes of every domain on the path, filter's traffic steered through it.
        filter: {'proto': 'udp', 'dst': '10.0.0.1/32', 'src': ..., 'port': 5060} (any of these keys)."""
        return self.signal('setup', user, module, from_host, to, self._setup_args(module, filter, ttl, properties,
                                                                                  node_id), module_version)

    def remove(self, user, module, from_host, to, module_version='1.0'):
        """REMOVE: the module and its steering go from every domain on the path."""
        return self.signal('remove', user, module, from_host, to, (), module_version)

    def probe(self, user, module, from_host, to, what='status', module_version='1.0'):
        """PROBE: each domain's answer about what ('status', 'nodes', 'capabilities', 'policy', 'modules', 'all'),
        parsed from JSON in answer['body'][domain]."""
        return self.signal('probe', user, module, from_host, to, ('--probe', what), module_version)

    def trigger(self, user, module, from_host, to, probe=None, filter=None, ttl=600, properties=None,
                module_version='1.0'):
        """TRIGGER: a PROBE (probe=WHAT) or a SETUP (filter=...) that the last domain sends back toward from_host."""
        extra = ('--probe', probe) if probe else self._setup_args(module, filter or {}, ttl, properties, None)
        return self.signal('trigger', user, module, from_host, to, extra, module_version)

    def _setup_args(self, module, flt, ttl, properties, node_id):
        url, sha256 = self.moduleUrl(module)
        args = ['--url', url, '--sha256', sha256, '--ttl', int(ttl)] + signaling.filter_args(flt)
        if properties:
            args += ['--properties', signaling.properties_arg(properties)]
        if node_id:
            args += ['--node-id', node_id]
        return args

    def _address(self, to):
        node = self.mn.get(self.prefix + to) if (self.prefix + to) in self.mn else None
        return node.IP() if node is not None else to

    # --- REST ----------------------------------------------------------------------------------------------

    def rest(self, method, path, body=None, domain=None):
        """The REST API of a domain's controller (default: the first): parsed JSON, or RestError."""
        return self._domain(domain).rest.request(method, path, body)

    def services(self, domain=None):
        return self.rest('GET', '/netserv/v1/services', domain=domain)

    def nodes(self, domain=None):
        return self.rest('GET', '/netserv/v1/nodes', domain=domain)

    def drainNode(self, name):
        """No new flows to the node; the ones it carries finish there."""
        return self.rest('POST', '/netserv/v1/nodes/%s/drain' % name, domain=self.node_domain[name])

    def moduleReports(self, module, user=None, module_version='1.0'):
        """{node: what the module last reported there} (from the agents' heartbeats, over REST), for one user's
        container or any; NetMonitor reports {'packets': N, ...}."""
        wanted = '%s_%s' % (module, module_version)
        out = {}
        for domain in self.domains:
            for node in self.nodes(domain):
                for container in (node.get('agent') or {}).get('containers', []):
                    if user is None or container.get('user') == user:
                        for m in container.get('modules', []):
                            if m.get('name') == wanted:
                                out[node['id']] = m.get('report', {})
        return out

    def _domain(self, domain):
        return self.domains[domain] if domain else next(iter(self.domains.values()))

    # --- nodes and traffic -------------------------------------------------------------------------------------

    def killNode(self, name):
        """SIGKILL the node's agent (our own process) and its containers, as a crash would."""
        self.session.agent_kill(name)
        for pid_file in glob.glob(os.path.join(self.session.workdir, name, 'containers', '*', 'pid')):
            with open(pid_file) as f:
                try:
                    os.kill(int(f.read().strip()), signal.SIGKILL)
                except (ProcessLookupError, ValueError):
                    pass

    def udp(self, src, dst, dport, flows=1, packets=1, **options):
        """UDP flows from src to dst:dport (netservof.traffic): {'sent': N, 'received': M} (M counted at dst)."""
        r = self.session.udp(src, dst, dport, flows=flows, packets=packets, ports=str(int(dport)), **options)
        return {'sent': r['sent'], 'received': r['received'].get(str(int(dport)), {}).get('packets', 0)}

    def sip_keepalives(self, src, dst, count=4, gap=0.5):
        """src sends SIP keep-alives to dst:5060: {'sent', 'answered' (200 OKs), 'server_received'}."""
        return self.session.sip_keepalives(src, dst, count=count, gap=gap)

    def watchNodes(self, dport):
        """Starts a packet watcher on every node host for UDP to dport; nodeCounts() reads it."""
        return self.session.flow_watch_start(dport)

    def nodeCounts(self):
        """{node: packets its watcher saw so far} (watchNodes first)."""
        return {node: sum(f[2] for f in flows.values()) for node, flows in self.session.flow_watch().items()}

    def stopWatching(self):
        self.session.flow_watch_stop()
