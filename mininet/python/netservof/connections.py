"""Waiting for switches to connect to their controllers, seen the moment they do.

Mininet's waitConnected reads each Controller row's is_connected, which ovs-vswitchd writes together with its
statistics, every stats-update-interval (5 s at the least): a switch that connected in 10 ms is seen connected
0 to 5 s later, 2.5 s on average for every network a test starts. ovs-vswitchd logs each connection of a
bridge to a controller (rconn, INFO, in its log file by default) as it happens; read from where the log ended
before the switches started, it tells at once. The database stays the answer whenever the log says nothing
(a log elsewhere or at another level), so a switch is never reported connected later than Mininet would.
"""

import os
import re
import time

LOG = os.path.join(os.environ.get('OVS_LOGDIR', '/var/log/openvswitch'), 'ovs-vswitchd.log')
# 2026-12-05T15:10:07.648Z|01342|rconn|INFO|s1<->tcp:127.0.0.1:57105: connected
RCONN = re.compile(r'\|rconn\|\w+\|(\S+)<->(\S+): (.*)$')
DATABASE_EVERY = 0.5


class ConnectionLog:
    """The rconn lines ovs-vswitchd logged since this object was made: which controllers each bridge is
    connected to now ('connected' puts one up, any other state line of the same pair takes it down)."""

    def __init__(self, path=LOG):
        self.path = path
        self.up = {}
        self.rest = b''
        try:
            self.offset = os.path.getsize(path)
        except OSError:
            self.offset = None

    def read(self):
        """Takes in what was logged since the last read."""
        if self.offset is None:
            return
        try:
            with open(self.path, 'rb') as f:
                if os.fstat(f.fileno()).st_size < self.offset:  # rotated: the new file is all new
                    self.offset, self.rest = 0, b''
                f.seek(self.offset)
                data = f.read()
        except OSError:
            return
        self.offset += len(data)
        lines = (self.rest + data).split(b'\n')
        self.rest = lines.pop()
        for line in lines:
            m = RCONN.search(line.decode('utf-8', 'replace'))
            if m:
                bridge, target, state = m.groups()
                targets = self.up.setdefault(bridge, set())
                (targets.add if state == 'connected' else targets.discard)(target)

    def connected(self, bridge):
        return bool(self.up.get(bridge))


def wait_connected(net, log, timeout=30, delay=0.05):
    """Mininet's waitConnected (every switch connected to one of its controllers, True; False after timeout
    seconds), answering from the log as soon as it shows each switch connected, from the database otherwise."""
    remaining = list(net.switches)
    began = time.time()
    database_read = 0.0
    while True:
        log.read()
        remaining = [s for s in remaining if not log.connected(s.name)]
        if remaining and time.time() - database_read >= DATABASE_EVERY:
            database_read = time.time()
            remaining = [s for s in remaining if not s.connected()]
        if not remaining:
            return True
        if time.time() - began >= timeout:
            return False
        time.sleep(delay)
