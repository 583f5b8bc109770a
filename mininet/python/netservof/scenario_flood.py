"""The flood commands of a served network (see scenario.py): a MAC spray in the background, and a switch's meter statistics."""

import json
import os
import signal

HERE = os.path.dirname(os.path.abspath(__file__))


class FloodCommands:

    def mac_spray_start(self, host, count):
        """Starts spraying frames with random MACs from host (flood.py); spray_stop ends it and says how many."""
        h = self.node(host)
        return self._spray(h, 'mac-spray', '--interface', h.defaultIntf().name, '--count', str(int(count)))

    def port_spray_start(self, src, dst, dport, count, rate=0):
        """Starts sending UDP to dst:dport from a new source port each time, at most rate a second (0: as fast
        as it can); spray_stop ends it too."""
        return self._spray(self.node(src), 'port-spray', '--dst', self.node(dst).IP(), '--dport', str(int(dport)),
                           '--count', str(int(count)), '--rate', str(int(rate)))

    def _spray(self, host, *args):
        self.spray = host.popen(['/usr/bin/python3', os.path.join(HERE, 'flood.py')] + list(args))
        return {'pid': self.spray.pid}

    def spray_stop(self):
        proc = getattr(self, 'spray', None)
        if proc is None:
            return {'sent': 0}
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
        out, _ = proc.communicate(timeout=30)
        self.spray = None
        lines = out.decode().strip().splitlines() if out else []
        return json.loads(lines[-1]) if lines else {'sent': 0}

    def meter_stats(self, switch):
        """The statistics of the switch's meters, as ovs-ofctl prints them (OpenFlow 1.3)."""
        return {'stats': self.node(switch).dpctl('meter-stats', '-O', 'OpenFlow13').splitlines()}
