"""The dos-protection scenario's moving parts: the victim's receiver read per source in windows, the legitimate and
the attacking streams (netservof/traffic.py in the hosts, our own processes, stopped by handle), the manager
process in a host with its log, and the steering entries left in a switch (ovs-ofctl dump-flows)."""

import datetime
import json
import os
import re
import signal
import subprocess
import time

from netservnet.scenarios import flows
from netservof import traffic as traffic_script

MANAGER = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), 'dos', 'manager.py')
# A service's steering entry: cookie owner 0x10 (STEERING) with a service id (bits 55..32) other than 0; the
# service-less ones (a node's tunnel, the edge guard) belong to the fabric and stay.
STEERING_COOKIE = re.compile(r'cookie=0x10([0-9a-f]{6})[0-9a-f]{8}\b')


class Traffic:
    """A receiver on dst:port counting per source address and port; attacks, each with a legitimate stream beside
    it (a source port of its own per attack, so its packets are counted exactly); all stopped by stop()."""

    def __init__(self, net, dst, port, legit_host, legit_pps):
        self.net, self.dst, self.port = net, dst, int(port)
        self.counts = os.path.join(net.workdir, 'dos-victim-counts.json')
        self.receiver = net.host(dst).popen(['/usr/bin/python3', traffic_script.__file__, 'receive', '--ports',
                                             str(self.port), '--counts', self.counts])
        self.legit_host, self.legit_pps, self.legit_ip = legit_host, legit_pps, net.hosts_ip(legit_host)
        self.attackers, self.streams, self.legit = [], [], None
        self.phase, self.started = 0, None
        time.sleep(0.5)

    def start_attack(self, hosts, pps, flows_each=4):
        """Each host floods dst:port at pps (flows_each flows of distinct source ports); the legitimate host sends
        its steady pps beside it from a source port of this attack's own."""
        self.phase += 1
        dst_ip = self.net.hosts_ip(self.dst)
        self.legit = flows.Stream(self.net.host(self.legit_host), dst_ip, self.port, 1, 1.0 / self.legit_pps,
                                  21000 + self.phase)
        self.attackers = [self.net.hosts_ip(h) for h in hosts]
        self.streams = [flows.Stream(self.net.host(h), dst_ip, self.port, flows_each, flows_each / float(pps),
                                     41000 + 100 * i) for i, h in enumerate(hosts)]
        self.started = time.time()
        return self

    def stop_attack(self):
        """Stops the attack and its legitimate stream: {'attack_sent', 'legit_sent', 'legit_received',
        'legit_share'}, the legitimate packets counted exactly (sent by the sender, received by its port)."""
        if self.legit is None:
            return {}
        attack_sent = sum(s.stop().get('sent', 0) for s in self.streams)
        legit_sent = self.legit.stop().get('sent', 0)
        key = '%s:%d' % (self.legit_ip, 21000 + self.phase)
        time.sleep(0.5)  # what is still on its way
        received = self.sample()['by_key'].get(key, 0)
        self.streams, self.legit = [], None
        return {'attack_sent': attack_sent, 'legit_sent': legit_sent, 'legit_received': received,
                'legit_share': received / float(max(1, legit_sent))}

    def attack(self, hosts, pps, seconds):
        """A whole attack of `seconds`, measured over its last seconds less the first (the streams settle)."""
        self.start_attack(hosts, pps)
        time.sleep(1.0)
        window = self.window(seconds - 1.0)
        window.update(self.stop_attack())
        time.sleep(1.0)
        return window

    def window(self, seconds):
        """Attack packets a second that reached the victim in the next `seconds`."""
        first = self.sample()
        time.sleep(seconds)
        last = self.sample()
        spent = last['at'] - first['at']
        got = sum(last['by_source'].get(ip, 0) - first['by_source'].get(ip, 0) for ip in self.attackers)
        return {'seconds': spent, 'attack_pps': got / spent}

    def sample(self):
        """{'at', 'by_source': {address: packets}} from the receiver, asked to write its counts now."""
        before = _mtime(self.counts)
        at = time.time()
        self.receiver.send_signal(signal.SIGUSR1)
        deadline = time.time() + 5
        while _mtime(self.counts) <= before and time.time() < deadline:
            time.sleep(0.01)
        by_key = _read(self.counts).get(str(self.port), {}).get('sources', {})
        by_source = {}
        for key, n in by_key.items():
            ip = key.rsplit(':', 1)[0]
            by_source[ip] = by_source.get(ip, 0) + n
        return {'at': at, 'by_source': by_source, 'by_key': by_key}

    def stop(self):
        self.stop_attack()
        if self.receiver.poll() is None:
            self.receiver.terminate()
            self.receiver.wait(timeout=10)


class ManagerProcess:
    """`netservnet/dos/manager.py ARGS` in a host, its log in the work directory; mark() adds the scenario's own
    events to the same timeline."""

    def __init__(self, net, host, args):
        self.log_path = os.path.join(net.workdir, 'dos-manager.log')
        self.log = open(self.log_path, 'w')
        self.proc = net.host(host).popen(['/usr/bin/python3', MANAGER] + [str(a) for a in args], stdout=self.log,
                                         stderr=subprocess.STDOUT)
        self.marks = []

    def said(self, text):
        return any(text in line for line in self.lines())

    def mark(self, event):
        now = time.time()
        stamp = datetime.datetime.fromtimestamp(now, datetime.timezone.utc).strftime('%Y-%m-%dT%H:%M:%S.%f')[:-3]
        self.marks.append('%sZ (scenario) %s' % (stamp, event))

    def lines(self):
        with open(self.log_path) as f:
            logged = [line.rstrip('\n') for line in f if line.strip()]
        return sorted(logged + self.marks, key=lambda line: line[:24])

    def stop(self):
        """SIGTERM to our own process (it finishes the SETUPs under way and exits), SIGKILL if it hangs: what it
        deployed runs out on its leases either way."""
        flows._stop(self.proc)  # noqa: SLF001 -- the kit's one way to stop a process of ours
        self.log.flush()


def steering_count(switch):
    """How many steering entries of services (see STEERING_COOKIE) a switch holds."""
    out = subprocess.run(['ovs-ofctl', '-O', 'OpenFlow13', 'dump-flows', switch], capture_output=True, text=True)
    return sum(1 for service in STEERING_COOKIE.findall(out.stdout) if service != '000000')


def window_text(w):
    return ('%.0f attack packets/s reached the victim (over %.1f s); %d of %d legitimate packets during the attack '
            '(%.2f)' % (w['attack_pps'], w['seconds'], w['legit_received'], w['legit_sent'], w['legit_share']))


def _mtime(path):
    try:
        return os.stat(path).st_mtime_ns
    except FileNotFoundError:
        return 0


def _read(path):
    try:
        with open(path) as f:
            return json.load(f)
    except (OSError, ValueError):
        return {}
