"""The sequenced-stream commands of a served scenario: flows whose every packet carries its sequence number,
so a test counts exactly which ones a controller restart lost. A mixin of scenario.Session."""

import json
import os
import subprocess
import time

from netservof import fabric

SCRIPT = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'sequenced.py')


class SequencedCommands:
    """Commands that send and count sequence-numbered UDP; see scenario.py for the command protocol."""

    def seq_receive_start(self, dst, ports):
        """Starts counting on dst's UDP ports (comma separated) what sequenced senders send there."""
        if getattr(self, 'seq_receiver', None):
            raise ValueError('a sequenced receiver is already running')
        counts = os.path.join(self.workdir, 'seq-%s.json' % fabric.logical(dst, ''))
        proc = self.node(dst).popen(['/usr/bin/python3', SCRIPT, 'receive', '--ports', str(ports), '--counts', counts])
        self.seq_receiver = (proc, counts)
        self.seq_senders = {}
        time.sleep(0.5)  # its sockets bound before anything is sent
        return {'pid': proc.pid}

    def seq_send_start(self, name, src, dst, dport, sport, count, rate=50):
        """Starts a sequenced flow from src's sport to dst:dport in the background: count packets at rate a second."""
        proc = self.node(src).popen(['/usr/bin/python3', SCRIPT, 'send', '--dst', self.node(dst).IP(), '--dport',
                                     str(int(dport)), '--sport', str(int(sport)), '--rate', str(float(rate)),
                                     '--count', str(int(count))], stdout=subprocess.PIPE, text=True)
        self.seq_senders[name] = proc
        return {'pid': proc.pid, 'started_at': time.time()}

    def seq_send_wait(self, name, timeout=120):
        """Waits until a sequenced flow has sent all its packets; answers what it printed."""
        proc = self.seq_senders.pop(name)
        out, _ = proc.communicate(timeout=float(timeout))
        return json.loads(out.strip().splitlines()[-1])

    def seq_receive_stop(self, settle=1.0):
        """Stops counting (after settle seconds for packets in flight): per port, per source port, the runs of
        sequence numbers received, how many, and how many twice."""
        for proc in self.seq_senders.values():
            proc.terminate()
            proc.wait(timeout=10)
        self.seq_senders = {}
        proc, counts = self.seq_receiver
        self.seq_receiver = None
        time.sleep(float(settle))
        proc.terminate()
        proc.wait(timeout=10)
        with open(counts) as f:
            return json.load(f)
