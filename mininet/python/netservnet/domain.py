"""One NetServ domain of a NetServNet: its controller process (started and stopped by PID), the
configuration written for it, and its REST API.

The configuration is generated: where the controller listens (OpenFlow on loopback, the node channel on the
management network, REST on loopback), the module server as its one module repository, every service node
of the domain in node-agents (its own token, pool, weight and the switch port it is plugged into), the
users with their public keys, an operator token for the REST API, short heartbeats so a dead node shows
within seconds, and whatever the experimenter merges in (controller_options). It is written as JSON, which
is YAML too.
"""

import json
import os
import secrets

from netservof.controller import ControllerProcess, free_port
from netservnet.rest import RestClient


def write_secret(path):
    """A random token of its own in a file of mode 600 (node tokens, the operator's REST token)."""
    token = secrets.token_hex(16)
    with open(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), 'w') as f:
        f.write(token + '\n')
    return token


def merged(base, extra):
    """base with extra merged in: nested dicts key by key, anything else replaced."""
    out = dict(base)
    for key, value in (extra or {}).items():
        out[key] = merged(out[key], value) if isinstance(value, dict) and isinstance(out.get(key), dict) else value
    return out


def colon_dpid(dpid):
    """'0000000000000001' -> '00:00:00:00:00:00:00:01', as node-agents writes DPIDs."""
    return ':'.join(dpid[i:i + 2] for i in range(0, 16, 2))


class Domain:
    """A controller and what it was configured with; start() runs it, stop() ends it (idempotent)."""

    def __init__(self, name, workdir):
        self.name = name
        self.dir = os.path.join(workdir, name)
        os.makedirs(self.dir, mode=0o700, exist_ok=True)
        self.of_address = '127.0.0.1:%d' % free_port()
        self.node_port = free_port()
        self.rest_url = 'http://127.0.0.1:%d' % free_port()
        self.token_file = os.path.join(self.dir, 'operator.token')
        self.rest = RestClient(self.rest_url, write_secret(self.token_file))
        self.log_path = os.path.join(self.dir, 'controller.log')
        self.config_path = os.path.join(self.dir, 'controller.yaml')
        self.process = None
        self.node_address = None

    def config(self, management_ip, repository, node_agents, users, options):
        """The controller's configuration as a dict (see the module's docstring)."""
        self.node_address = '%s:%d' % (management_ip, self.node_port)
        base = {'rest-listen': self.rest_url[len('http://'):],
                'node-listen': self.node_address, 'store-path': os.path.join(self.dir, 'store'),
                'module-repositories': [repository], 'node-agents': node_agents,
                'node-channel': {'heartbeat': '500ms', 'dead-after': '2s'},
                'signaling': {'domain': self.name, 'pool': 'pool', 'downstream-timeout': '5s'},
                'rest-tokens': [{'name': 'kit', 'token-file': self.token_file, 'scope': 'admin'}],
                'users': [u.config() for u in users]}
        return merged(base, options)

    def start(self, config):
        """Writes the configuration and starts the controller; returns once it listens for switches."""
        with open(self.config_path, 'w') as f:
            json.dump(config, f, indent=2)
        self.process = ControllerProcess(int(self.of_address.rsplit(':', 1)[1]), self.log_path,
                                         ['--config', self.config_path])
        self.process.wait_listening()

    def stop(self):
        """Stops the controller (SIGTERM to our PID, SIGKILL after 20 s); its exit code, None if never started."""
        if self.process is None:
            return None
        return self.process.stop()
