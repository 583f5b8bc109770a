"""The server module commands of a served scenario: a host acting as the client of a module that listens on a
node's service address. A mixin of scenario.Session: it uses the session's network."""

import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))


class ServerCommands:
    """server_probe; see scenario.py for the command protocol."""

    def server_probe(self, src, address, udp_port, tcp_port, text='hello'):
        """Sends one datagram and one TCP line from host src to address; answers what came back of each
        (None for no UDP answer, 'error: ...' for a TCP failure)."""
        out = self.node(src).cmd('/usr/bin/python3', os.path.join(HERE, 'server_probe.py'), address,
                                 str(int(udp_port)), str(int(tcp_port)), text)
        return json.loads(out.strip().splitlines()[-1])
