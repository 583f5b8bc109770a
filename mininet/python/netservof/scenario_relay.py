"""The LLDP relay commands of a served scenario: two hosts that pass each other every LLDP frame they
receive, as colluding hosts that try to make the controller see a link through them. A mixin of
scenario.Session: it uses the session's network."""

import os
import subprocess
import threading

HERE = os.path.dirname(os.path.abspath(__file__))


class RelayCommands:
    """lldp_relay_start / lldp_relay_stop; see scenario.py for the command protocol."""

    relay = None

    def lldp_relay_start(self, a, b):
        """Starts relaying LLDP frames between hosts a and b, both ways, through this process."""
        if self.relay:
            raise ValueError('a relay is already running')
        ends = [self.node(h).popen(['/usr/bin/python3', os.path.join(HERE, 'lldp_relay.py'),
                                    self.node(h).defaultIntf().name],
                                   stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                   text=True, bufsize=1) for h in (a, b)]
        counts = {'a_to_b': 0, 'b_to_a': 0}
        copiers = [threading.Thread(target=_copy, args=(ends[0], ends[1], counts, 'a_to_b'), daemon=True),
                   threading.Thread(target=_copy, args=(ends[1], ends[0], counts, 'b_to_a'), daemon=True)]
        for t in copiers:
            t.start()
        self.relay = (ends, copiers, counts)
        return {'pids': [p.pid for p in ends]}

    def lldp_relay_stats(self):
        """Frames relayed so far, each way."""
        if not self.relay:
            raise ValueError('no relay is running')
        return dict(self.relay[2])

    def lldp_relay_stop(self):
        """Stops the relay (our own two processes, by handle); reports the frames relayed each way."""
        if not self.relay:
            return {}
        ends, copiers, counts = self.relay
        self.relay = None
        for p in ends:
            p.kill()
            p.wait(timeout=10)
        for t in copiers:
            t.join(timeout=5)
        return dict(counts)


def _copy(source, sink, counts, key):
    try:
        for line in source.stdout:
            sink.stdin.write(line)
            sink.stdin.flush()
            counts[key] += 1
    except (OSError, ValueError):
        pass  # one end was stopped
