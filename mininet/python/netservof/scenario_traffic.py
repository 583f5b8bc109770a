"""The traffic commands of a served scenario: stand-in nodes, UDP flows and streams, per-node flow watchers
and SIP keep-alives. A mixin of scenario.Session: it uses the session's network and process handles."""

import json
import os
import signal
import subprocess
import time

from netservof import fabric

HERE = os.path.dirname(os.path.abspath(__file__))


class TrafficCommands:
    """Commands that send or watch traffic; see scenario.py for the command protocol."""

    def nodes_start(self):
        """Starts the stand-in reflector on every node host (nN)."""
        script = os.path.join(HERE, 'standin_node.py')
        for h in self.net.hosts:
            name = fabric.logical(h.name, self.prefix)
            if not name.startswith('n') or name in self.reflectors:
                continue
            h.cmd('sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1')
            counts = os.path.join(self.workdir, name + '.json')
            proc = h.popen(['/usr/bin/python3', script, '--interface', h.defaultIntf().name, '--counts', counts])
            self.reflectors[name] = (proc, counts)
        time.sleep(0.5)
        return {'nodes': sorted(self.reflectors)}

    def node_counts(self):
        """What each stand-in node has reflected so far."""
        out = {}
        for name, (proc, counts) in sorted(self.reflectors.items()):
            before = os.path.getmtime(counts)
            proc.send_signal(signal.SIGUSR1)
            deadline = time.time() + 5
            while os.path.getmtime(counts) == before and time.time() < deadline:
                time.sleep(0.05)
            with open(counts) as f:
                out[name] = json.load(f)
            out[name]['alive'] = proc.poll() is None
        return out

    def nodes_reset(self):
        """Restarts every stand-in reflector, so its counts start from zero."""
        for name, (proc, counts) in list(self.reflectors.items()):
            proc.kill()
            proc.wait()
            del self.reflectors[name]
        return self.nodes_start()

    def node_kill(self, node):
        """Kills a stand-in node's program (our own process), as a crash would."""
        proc, _ = self.reflectors.pop(node)
        proc.kill()
        proc.wait()
        return {}

    def udp(self, src, dst, dport, flows=1, packets=1, sport_base=20000, ports='5060,5061', settle=1.0,
            sources=0, gap=0.0005, size=64):
        """Sends UDP flows from src to dst:dport and counts what dst received on each of ports. With
        sources=N the flows come from N addresses (10.0.100.1..N, added to src's interface)."""
        addresses = []
        if int(sources) > 0:
            h = self.node(src)
            for i in range(1, int(sources) + 1):
                address = '10.0.%d.%d' % (100 + i // 250, 1 + i % 250)
                h.cmd('ip addr add %s/32 dev %s 2>/dev/null' % (address, h.defaultIntf().name))
                addresses.append(address)
        script = os.path.join(HERE, 'traffic.py')
        counts = os.path.join(self.workdir, 'udp-%s.json' % fabric.logical(dst, ''))
        receiver = self.node(dst).popen(['/usr/bin/python3', script, 'receive', '--ports', ports,
                                         '--counts', counts])
        time.sleep(0.5)
        began = time.time()
        out = self.node(src).cmd('/usr/bin/python3 %s send --dst %s --dport %d --flows %d --packets %d '
                                 '--sport-base %d --gap %s --size %d %s' % (script, self.node(dst).IP(), int(dport),
                                                                  int(flows), int(packets), int(sport_base),
                                                                  float(gap), int(size),
                                                                  '--sources ' + ','.join(addresses) if addresses
                                                                  else ''))
        sending = time.time() - began
        time.sleep(float(settle))
        receiver.send_signal(signal.SIGTERM)
        receiver.wait(timeout=10)
        with open(counts) as f:
            received = json.load(f)
        sent = json.loads(out.strip().splitlines()[-1])['sent'] if out.strip() else 0
        return {'sent': sent, 'started_at': began, 'sending_seconds': round(sending, 3), 'received': received}

    def udp_background(self, src, dst, dport, packets, gap, sport_base=40000):
        """Starts a steady UDP stream (one flow) in the background; udp_background_stop ends it."""
        script = os.path.join(HERE, 'traffic.py')
        self.background = self.node(src).popen(['/usr/bin/python3', script, 'send', '--dst', self.node(dst).IP(),
                                                '--dport', str(int(dport)), '--flows', '1', '--packets',
                                                str(int(packets)), '--gap', str(float(gap)), '--sport-base',
                                                str(int(sport_base))])
        return {'pid': self.background.pid}

    def udp_background_stop(self):
        proc = getattr(self, 'background', None)
        if proc and proc.poll() is None:
            proc.terminate()
            proc.wait(timeout=10)
        self.background = None
        return {}

    def udp_stream_start(self, src, dst, dport, flows, period, sport_base=30000):
        """Starts a stream of many UDP flows, each sending one packet per period, until udp_stream_stop; dst
        receives them (a socket, so it answers no port-unreachable)."""
        if self.udp_stream:
            raise ValueError('a UDP stream is already running')
        script = os.path.join(HERE, 'traffic.py')
        counts = os.path.join(self.workdir, 'stream-%s.json' % dst)
        receiver = self.node(dst).popen(['/usr/bin/python3', script, 'receive', '--ports', str(int(dport)),
                                         '--counts', counts])
        time.sleep(0.3)
        sender = self.node(src).popen(['/usr/bin/python3', script, 'stream', '--dst', self.node(dst).IP(),
                                       '--dport', str(int(dport)), '--flows', str(int(flows)), '--period',
                                       str(float(period)), '--sport-base', str(int(sport_base))],
                                      stdout=subprocess.PIPE, text=True)
        self.udp_stream = (sender, receiver, counts, int(dport))
        return {'pid': sender.pid, 'started_at': time.time()}

    def udp_stream_stop(self):
        """Stops the stream: what was sent, and what dst received."""
        sender, receiver, counts, dport = self.udp_stream
        self.udp_stream = None
        sender.terminate()
        out, _ = sender.communicate(timeout=10)
        time.sleep(0.3)
        receiver.terminate()
        receiver.wait(timeout=10)
        with open(counts) as f:
            received = json.load(f)
        result = json.loads(out.strip().splitlines()[-1]) if out.strip() else {}
        result['received'] = received.get(str(dport), {}).get('packets', 0)
        return result

    def flow_watch_start(self, dport):
        """Starts a packet watcher on every node host: per source port, when packets to dport (a port, or several
        comma separated) arrived."""
        if self.watchers:
            raise ValueError('flow watchers are already running')
        script = os.path.join(HERE, 'traffic.py')
        for h in self.node_hosts():
            name = fabric.logical(h.name, self.prefix)
            counts = os.path.join(self.workdir, 'watch-%s.json' % name)
            proc = h.popen(['/usr/bin/python3', script, 'watch', '--interface', h.defaultIntf().name, '--dport',
                            str(dport), '--counts', counts])
            self.watchers[name] = (proc, counts)
        time.sleep(0.5)
        return {'nodes': sorted(self.watchers)}

    def flow_watch(self, after=0.0):
        """What every watcher has seen so far, as of now; with after, only the flows that first arrived then
        or later (a poll after a kill stays small)."""
        asked = time.time()
        for proc, _ in self.watchers.values():
            proc.send_signal(signal.SIGUSR1)
        out = {}
        for name, (proc, counts) in sorted(self.watchers.items()):
            deadline = time.time() + 5
            while True:
                with open(counts) as f:
                    seen = json.load(f)
                if seen['dumped_at'] >= asked or time.time() > deadline:
                    break
                time.sleep(0.02)
            out[name] = {sport: s for sport, s in seen['flows'].items() if s[0] >= float(after)}
        return out

    def flow_watch_stop(self):
        for proc, _ in self.watchers.values():
            proc.terminate()
        for proc, _ in self.watchers.values():
            proc.wait(timeout=10)
        self.watchers = {}
        return {}

    def sip_first_start(self, src, dst, gap=0.002, timeout=30):
        """src starts sending keep-alives to dst until the first 200 OK; sip_first_result says when."""
        script = os.path.join(HERE, 'traffic.py')
        self.sip_first = self.node(src).popen(['/usr/bin/python3', script, 'sip-first', '--dst', self.node(dst).IP(),
                                               '--gap', str(gap), '--timeout', str(timeout)],
                                              stdout=subprocess.PIPE)
        return {'pid': self.sip_first.pid}

    def sip_first_result(self):
        out, _ = self.sip_first.communicate(timeout=60)
        self.sip_first = None
        return json.loads(out.decode().strip().splitlines()[-1])

    def sip_keepalives(self, src, dst, count=20, gap=0.05, port=5060):
        """src plays a SIP user agent sending keep-alive NOTIFYs to dst's SIP port; dst counts what reaches it.
        Reports how many were sent, how many 200 OKs came back (from dst's address and port) and dst's count."""
        script = os.path.join(HERE, 'traffic.py')
        counts = os.path.join(self.workdir, 'sip-%s.json' % fabric.logical(dst, ''))
        server = self.node(dst).popen(['/usr/bin/python3', script, 'receive', '--ports', str(int(port)),
                                       '--counts', counts])
        time.sleep(0.5)
        out = self.node(src).cmd('/usr/bin/python3 %s sip-ua --dst %s --dport %d --count %d --gap %s'
                                 % (script, self.node(dst).IP(), int(port), int(count), float(gap)))
        time.sleep(0.5)
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=10)
        with open(counts) as f:
            received = json.load(f)
        result = json.loads(out.strip().splitlines()[-1])
        result['server_received'] = received.get(str(int(port)), {}).get('packets', 0)
        return result

    def signal_spray_start(self, src, dst, count, gap=0.0005, user='alice'):
        """Starts spraying unsigned signaling requests from src toward dst (signal_spray.py): a bounded count,
        in the background (at most a minute); signal_spray_wait reports how many were sent."""
        script = os.path.join(HERE, 'signal_spray.py')
        s, d = self.node(src), self.node(dst)
        self.spray = s.popen(['timeout', '60', '/usr/bin/python3', script, '--interface', s.defaultIntf().name,
                              '--src-ip', s.IP(), '--dst-ip', d.IP(), '--dst-mac', d.MAC(), '--user', user,
                              '--count', str(int(count)), '--gap', str(float(gap))],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        return {'pid': self.spray.pid}

    def signal_spray_wait(self):
        out, err = self.spray.communicate(timeout=90)
        self.spray = None
        if not out.strip():
            raise ValueError('the spray printed nothing: ' + err.strip())
        return json.loads(out.strip().splitlines()[-1])

    def tagged(self, src, dst, dports, vids, count=1, sport_base=50000):
        """Sends, from src, UDP frames addressed to dst (its MAC and address) on each of dports, tagged with
        each VLAN id of vids (both comma separated), count rounds: what a host that forges steering's marks
        sends. Reports how many frames went out."""
        h, d = self.node(src), self.node(dst)
        out = h.cmd('/usr/bin/python3 %s tagged --interface %s --src-mac %s --dst-mac %s --src %s --dst %s '
                    '--dports %s --vids %s --count %d --sport-base %d'
                    % (os.path.join(HERE, 'traffic.py'), h.defaultIntf().name, h.MAC(), d.MAC(), h.IP(), d.IP(),
                       dports, vids, int(count), int(sport_base)))
        return json.loads(out.strip().splitlines()[-1])
