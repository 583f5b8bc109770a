"""The server module commands of a served scenario: a host acting as the client of a module that listens on a
node's service address, and what attacks that boundary needs (a stand-in daemon on a node, a bare TCP
connect). A mixin of scenario.Session: it uses the session's network."""

import json
import os
import subprocess

HERE = os.path.dirname(os.path.abspath(__file__))

DAEMON = ('import socket,sys\n'
          's=socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)\n'
          's.bind(("0.0.0.0", int(sys.argv[1]))); s.listen(8)\n'
          'while True:\n'
          '    c, _ = s.accept(); c.sendall(b"daemon\\n"); c.close()\n')


class ServerCommands:
    """server_probe, daemon_start, daemon_stop, management_capture, tcp_connect; see scenario.py for the command protocol."""

    def server_probe(self, src, address, udp_port, tcp_port, text='hello'):
        """Sends one datagram and one TCP line from host src to address; answers what came back of each
        (None for no UDP answer, 'error: ...' for a TCP failure)."""
        out = self.node(src).cmd('/usr/bin/python3', os.path.join(HERE, 'server_probe.py'), address,
                                 str(int(udp_port)), str(int(tcp_port)), text)
        return json.loads(out.strip().splitlines()[-1])

    def daemon_start(self, host, port):
        """A stand-in for a node's own daemon: a TCP server on 0.0.0.0:port in host (one a test started)."""
        proc = self.node(host).popen(['/usr/bin/python3', '-c', DAEMON, str(int(port))],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.daemons = getattr(self, 'daemons', [])
        self.daemons.append(proc)
        return {'pid': proc.pid}

    def daemon_stop(self):
        """Stops the stand-in daemons this session started, by their own handles."""
        for proc in getattr(self, 'daemons', []):
            proc.kill()
            proc.wait()
        self.daemons = []
        return {}

    def management_capture(self, host, port, seconds=3):
        """How many UDP datagrams to port leave host by its management interface (<host>-m) in seconds: what a
        module's socket sends toward the management network, seen where it would leave the node."""
        h = self.node(host)
        out = h.cmd('timeout %d tcpdump -i %s-m -n -p -l udp and dst port %d 2>/dev/null'
                    % (int(seconds), h.name, int(port)))
        return {'packets': sum(1 for line in out.splitlines() if ' UDP' in line)}

    def tcp_connect(self, src, address, port, timeout=3):
        """Whether host src can open a TCP connection to address:port within timeout seconds."""
        out = self.node(src).cmd('/usr/bin/python3', os.path.join(HERE, 'server_probe.py'), 'connect', address,
                                 str(int(port)), str(float(timeout)))
        return json.loads(out.strip().splitlines()[-1])
