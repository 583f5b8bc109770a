"""Scenarios the Java integration tests run against an in-process controller.

One-shot:  scenario.py pingall --controller HOST:PORT --protocols OpenFlow13 --topo single --hosts 3
Served:    scenario.py serve --controller HOST:PORT --topo ring --switches 4
           prints 'READY <json>' (switches, hosts, cables) once the switches are connected, then reads one JSON
           command per line from stdin and answers each with 'RESULT <json>' (or 'ERROR <message>'):
             {"cmd": "pingall", "timeout": 2}
             {"cmd": "ping", "src": "h1", "dst": "h3", "count": 3}
             {"cmd": "ping_rtts", "src": "h1", "dst": "h2", "count": 100, "interval": 0.01}
             {"cmd": "static_arp", "host": "h1", "peer": "h2"}
             {"cmd": "stream_start", "src": "h1", "dst": "h2", "interval": 0.01}
             {"cmd": "stream_stop"}
             {"cmd": "link", "a": "s1", "b": "s2", "status": "down"}
             {"cmd": "move", "host": "h1", "to": "s4"}
             {"cmd": "flows", "switch": "s4"}
             {"cmd": "send_lldp", "host": "h1", "dpid": 3, "port": 2}
             {"cmd": "nodes_start"}            (steering topology: stand-in reflectors on n1, n2, ...)
             {"cmd": "node_counts"}
             {"cmd": "node_kill", "node": "n2"}
             {"cmd": "udp", "src": "h1", "dst": "h2", "dport": 5060, "flows": 300, "packets": 3}
             {"cmd": "udp_background", "src": "h1", "dst": "h2", "dport": 5060, "packets": 100000, "gap": 0.0005}
             {"cmd": "udp_background_stop"}
             {"cmd": "udp_stream_start", "src": "h1", "dst": "h2", "dport": 5060, "flows": 60, "period": 0.01}
             {"cmd": "udp_stream_stop"}
             {"cmd": "flow_watch_start", "dport": 5060}   (a packet watcher on every node host)
             {"cmd": "flow_watch", "after": 0}            (per node: source port -> [first, last, packets])
             {"cmd": "flow_watch_stop"}
             {"cmd": "agents_start", "java": "/usr/bin/java", "lib": "DIR", "controller": "IP:PORT",
              "token_file": "F"}    (with --management: a real node agent on each node host)
             {"cmd": "agent_start", "node": "n1", ..., "attachment": "DPID/PORT", "wait_exit": 20}
             {"cmd": "agent_kill", "node": "n1"}
             {"cmd": "container_kill", "node": "n1", "user": "alice"}
             {"cmd": "agent_log", "node": "n1"}
             {"cmd": "sip_keepalives", "src": "h1", "dst": "h2", "count": 20, "gap": 0.05}
             {"cmd": "quit"}
Names in commands and answers are the logical ones (h1, s2); the run prefix is added here.
"""

import argparse
import json
import os
import re
import shlex
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from mininet.log import setLogLevel  # noqa: E402

from netservof import fabric  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))

PING_SUMMARY = re.compile(r'(\d+) packets transmitted, (\d+) received')
PING_REPLY = re.compile(r'^\[(\d+\.\d+)\] .* icmp_seq=(\d+)')
PING_TIME = re.compile(r'icmp_seq=(\d+) .*time=([\d.]+) ms')


def lldp_frame(src_mac, dpid, port):
    """An LLDP frame in the layout of the controller's probes, with a made-up signature."""
    def tlv(kind, value):
        return struct.pack('!H', (kind << 9) | len(value)) + value
    body = struct.pack('!QIQ', dpid, port, int(time.time() * 1000)) + os.urandom(16)
    return (bytes.fromhex('0180c200000e') + bytes.fromhex(src_mac.replace(':', '')) + b'\x88\xcc'
            + tlv(1, b'\x07' + struct.pack('!Q', dpid)) + tlv(2, b'\x07' + struct.pack('!I', port))
            + tlv(3, struct.pack('!H', 120)) + tlv(127, bytes([0x02, 0x4e, 0x53, 1]) + body) + tlv(0, b''))


def topo_params(args):
    if args.topo == 'steering':
        return {'switches': args.switches, 'nodes': [int(n) for n in args.nodes.split(',')]}
    if args.topo == 'single':
        return {'hosts': args.hosts}
    if args.topo == 'tree':
        return {'depth': args.depth, 'fanout': args.fanout}
    return {'switches': args.switches}


def start(args, prefix):
    fabric.remove_leftovers(prefix)
    net = fabric.build(args.topo, prefix, args.protocols, args.controller, **topo_params(args))
    net.build()
    fabric.start_switches(net)
    fabric.disable_offloads(net)
    connected = net.waitConnected(timeout=30)
    return net, connected


def pingall(args):
    prefix = args.prefix or fabric.run_prefix()
    net, connected = start(args, prefix)
    try:
        loss = net.pingAll(timeout=2)
        return {'connected': bool(connected), 'loss': loss, 'hosts': [h.name for h in net.hosts],
                'switches': fabric.switch_names(net)}
    finally:
        net.stop()
        fabric.remove_leftovers(prefix)


class Session:
    """The commands of a served network."""

    def __init__(self, net, prefix):
        self.net = net
        self.prefix = prefix
        self.stream = None
        self.reflectors = {}
        self.agents = {}
        self.sip_first = None
        self.udp_stream = None
        self.watchers = {}
        self.workdir = tempfile.mkdtemp(prefix='netserv-%s-' % prefix)
        os.chmod(self.workdir, 0o711)  # node containers run as nobody and need to pass through

    def close(self):
        """Stops what the session started (our own processes, by handle), the network, and its leftovers."""
        if self.stream:
            self.stream[0].kill()
        if self.sip_first:
            self.sip_first.kill()
        self.udp_background_stop()
        if self.udp_stream:
            self.udp_stream_stop()
        self.flow_watch_stop()
        for proc, _ in self.reflectors.values():
            proc.kill()
        for proc in self.agents.values():
            proc.terminate()
        for proc in self.agents.values():
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
        self.net.stop()
        fabric.remove_leftovers(self.prefix)
        shutil.rmtree(self.workdir, ignore_errors=True)

    def node(self, name):
        return self.net.get(self.prefix + name)

    def pingall(self, timeout=2):
        began = time.time()
        loss = self.net.pingAll(timeout=timeout)
        return {'loss': loss, 'seconds': time.time() - began}

    def ping(self, src, dst, count=3):
        out = self.node(src).cmd('ping -c %d -i 0.2 -W 2 %s' % (int(count), self.node(dst).IP()))
        m = PING_SUMMARY.search(out)
        return {'sent': int(m.group(1)) if m else 0, 'received': int(m.group(2)) if m else 0}

    def ping_rtts(self, src, dst, count=1, interval=0.2, wait=2):
        """Pings dst from src; reports each reply's round-trip time in ms (sequence order) and how many were lost."""
        out = self.node(src).cmd('ping -n -c %d -i %s -W %s %s' % (int(count), float(interval), float(wait),
                                                                  self.node(dst).IP()))
        rtts = {int(m.group(1)): float(m.group(2)) for m in PING_TIME.finditer(out)}
        return {'sent': int(count), 'rtts_ms': [rtts[seq] for seq in sorted(rtts)], 'lost': int(count) - len(rtts)}

    def static_arp(self, host, peer):
        """A permanent neighbour entry on host for peer: no ARP between them (no forwarding entry either) while
        a benchmark waits for their flow entries to expire."""
        h, p = self.node(host), self.node(peer)
        out = h.cmd('ip neigh replace %s lladdr %s dev %s nud permanent' % (p.IP(), p.MAC(), h.defaultIntf().name))
        return {'out': out.strip()}

    def stream_start(self, src, dst, interval=0.01):
        if self.stream:
            raise ValueError('a stream is already running')
        proc = self.node(src).popen(['ping', '-D', '-n', '-i', str(interval), self.node(dst).IP()],
                                    stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        self.stream = (proc, float(interval), time.time())
        return {'pid': proc.pid}

    def stream_stop(self):
        if not self.stream:
            raise ValueError('no stream is running')
        proc, interval, began = self.stream
        self.stream = None
        proc.send_signal(signal.SIGINT)  # our own ping: it prints its summary and exits
        out, _ = proc.communicate(timeout=10)
        stamps = [float(m.group(1)) for m in map(PING_REPLY.match, out.splitlines()) if m]
        m = PING_SUMMARY.search(out)
        gaps = [b - a for a, b in zip(stamps, stamps[1:])]
        biggest = max(gaps) if gaps else 0.0
        return {'sent': int(m.group(1)) if m else 0, 'received': int(m.group(2)) if m else len(stamps),
                'max_gap_ms': round(biggest * 1000, 1), 'interval_ms': interval * 1000,
                'seconds': round(time.time() - began, 2)}

    def link(self, a, b, status):
        self.net.configLinkStatus(self.prefix + a, self.prefix + b, status)
        return {}

    def move(self, host, to):
        """Moves the switch end of the host's cable to another switch: the host keeps its MAC and IP."""
        h = self.node(host)
        new_sw = self.node(to)
        h_intf = h.defaultIntf()
        sw_intf = h_intf.link.intf2 if h_intf.link.intf1 is h_intf else h_intf.link.intf1
        old_sw = sw_intf.node
        old_port = old_sw.ports[sw_intf]
        old_sw.detach(sw_intf)
        del old_sw.intfs[old_port]
        del old_sw.ports[sw_intf]
        new_port = new_sw.newPort()
        new_sw.addIntf(sw_intf, port=new_port)
        new_sw.cmd('ovs-vsctl add-port %s %s -- set interface %s ofport_request=%d'
                   % (new_sw.name, sw_intf.name, sw_intf.name, new_port))
        sw_intf.node = new_sw
        return {'dpid': int(new_sw.dpid, 16), 'port': new_port, 'from_dpid': int(old_sw.dpid, 16),
                'from_port': old_port}

    def send_lldp(self, host, dpid, port):
        """Sends, from a host, an LLDP frame shaped like the controller's probe (same TLVs, same OUI) that
        claims to come from switch dpid, port; its signature is random bytes. Reports which other hosts
        received that frame (matched by its source MAC: the controller's own probes, sent out of every
        port, come from switch port addresses)."""
        src = self.node(host)
        watchers = []
        for h in self.net.hosts:
            if h is not src:
                watchers.append((h, h.popen(['timeout', '3', 'tcpdump', '-c', '1', '-n', '-l', '-i',
                                             h.defaultIntf().name,
                                             'ether proto 0x88cc and ether src %s' % src.MAC()],
                                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)))
        time.sleep(1)  # let tcpdump open its sockets
        frame = lldp_frame(src.MAC(), int(dpid), int(port))
        src.cmd("/usr/bin/python3 -c \"import socket,binascii; s=socket.socket(socket.AF_PACKET, socket.SOCK_RAW); "
                "s.bind(('%s', 0)); s.send(binascii.unhexlify('%s'))\"" % (src.defaultIntf().name, frame.hex()))
        heard = []
        for h, proc in watchers:
            out, _ = proc.communicate(timeout=10)
            if out.strip():
                heard.append(fabric.logical(h.name, self.prefix))
        return {'heard_by': heard, 'frame_bytes': len(frame)}

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
        """Starts a packet watcher on every node host: per source port, when packets to dport arrived."""
        if self.watchers:
            raise ValueError('flow watchers are already running')
        script = os.path.join(HERE, 'traffic.py')
        for h in self.node_hosts():
            name = fabric.logical(h.name, self.prefix)
            counts = os.path.join(self.workdir, 'watch-%s.json' % name)
            proc = h.popen(['/usr/bin/python3', script, 'watch', '--interface', h.defaultIntf().name, '--dport',
                            str(int(dport)), '--counts', counts])
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

    def node_hosts(self):
        return sorted((h for h in self.net.hosts if re.match(r'n\d+$', fabric.logical(h.name, self.prefix))),
                      key=lambda h: int(fabric.logical(h.name, self.prefix)[1:]))

    def agent_start(self, node, java, lib, controller, token_file, attachment=None, wait_exit=0, options=None):
        """Starts a NetServ node agent on a node host's switch link (its log in the work directory). With
        wait_exit, waits that long for it to exit and reports the exit code (a refused node exits 3)."""
        h = self.node(node)
        work = os.path.join(self.workdir, node)
        os.makedirs(work, exist_ok=True)
        h.cmd('sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1')
        command = [java, '-Xmx64m', '-XX:+UseSerialGC', '-cp', os.path.join(lib, '*'),
                   'org.netservof.node.agent.NodeMain', '--interface', h.defaultIntf().name,
                   '--controller', controller, '--id', node, '--token-file', token_file, '--pool', 'pool',
                   '--work', work]
        if attachment:
            command += ['--attachment', attachment]
        for key, value in (options or {}).items():
            command += ['--' + key, str(value)]
        log = open(os.path.join(self.workdir, node + '-agent.log'), 'w')
        proc = h.popen(command, stdout=log, stderr=subprocess.STDOUT)
        self.agents[node] = proc
        exit_code = None
        if float(wait_exit) > 0:
            try:
                exit_code = proc.wait(timeout=float(wait_exit))
            except subprocess.TimeoutExpired:
                pass
        return {'pid': proc.pid, 'exit': exit_code}

    def agents_start(self, java, lib, controller, token_file, options=None):
        """A node agent on every node host."""
        return {fabric.logical(h.name, self.prefix): self.agent_start(fabric.logical(h.name, self.prefix), java, lib,
                                                                      controller, token_file, options=options)
                for h in self.node_hosts()}

    def java(self, host, java, main, lib=None, classpath=None, args=(), timeout=60):
        """Runs one of the project's programs (the signaling client, say) in a host, with the JARs of lib or an
        explicit classpath; reports its exit code and output."""
        command = [java, '-XX:+UseSerialGC', '-XX:TieredStopAtLevel=1', '-Xshare:auto', '-cp',
                   classpath or os.path.join(lib, '*'), main] + [str(a) for a in args]
        proc = self.node(host).popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        try:
            out, err = proc.communicate(timeout=float(timeout))
        except subprocess.TimeoutExpired:
            proc.kill()
            out, err = proc.communicate()
        return {'exit': proc.returncode, 'stdout': out.decode(errors='replace'), 'stderr': err.decode(errors='replace')}

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

    def sysctl(self, host, setting):
        """Sets a kernel setting inside a host's namespace (net.ipv4.* settings are per namespace)."""
        return {'out': self.node(host).cmd('sysctl -w %s' % shlex.quote(setting)).strip()}

    def agent_kill(self, node):
        """Kills a node agent (our own process) as a crash would; its containers end with their stdin."""
        proc = self.agents.pop(node)
        killed_at = time.time()
        proc.kill()
        proc.wait()
        return {'pid': proc.pid, 'killed_at': killed_at}

    def container_kill(self, node, user):
        """Kills one user's container on a node, as a crash would."""
        with open(os.path.join(self.workdir, node, 'containers', user, 'pid')) as f:
            pid = int(f.read().strip())
        os.kill(pid, signal.SIGKILL)
        return {'pid': pid}

    def container_status(self, node, user):
        """Who a user's container runs as: uid and capability sets of the process, and of the thread that
        runs the modules (capabilities are per thread; the container drops them before starting it)."""
        with open(os.path.join(self.workdir, node, 'containers', user, 'pid')) as f:
            pid = int(f.read().strip())
        out = {'pid': pid, 'process': _proc_status('/proc/%d/status' % pid)}
        for tid in os.listdir('/proc/%d/task' % pid):
            with open('/proc/%d/task/%s/comm' % (pid, tid)) as f:
                if f.read().strip() == ('packets ' + user)[:15]:
                    out['packet_thread'] = _proc_status('/proc/%d/task/%s/status' % (pid, tid))
        return out

    def agent_log(self, node, lines=80):
        with open(os.path.join(self.workdir, node + '-agent.log'), errors='replace') as f:
            return {'log': f.read().splitlines()[-int(lines):]}

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

    def meters(self, switch):
        """The switch's meters as ovs-ofctl prints them (OpenFlow 1.3)."""
        return {'meters': [line.strip() for line in self.node(switch).dpctl('dump-meters', '-O', 'OpenFlow13')
                           .splitlines() if line.strip()]}

    def flows(self, switch):
        sw = self.node(switch)
        protocol = (sw.protocols or 'OpenFlow13').split(',')[-1]
        out = sw.dpctl('dump-flows', '-O', protocol)
        return {'flows': [line.strip() for line in out.splitlines() if 'cookie=' in line]}


def _proc_status(path):
    out = {}
    with open(path) as f:
        for line in f:
            key, _, value = line.partition(':')
            if key in ('Uid', 'CapEff', 'CapPrm', 'CapBnd'):
                out[key] = value.split()[0]
    return out


def serve(args):
    prefix = args.prefix or fabric.run_prefix()
    net, connected = start(args, prefix)
    session = Session(net, prefix)
    try:
        described = fabric.describe(net, prefix)
        described['connected'] = bool(connected)
        described['prefix'] = prefix
        if args.management:
            bridge, subnet = args.management.split(',')
            described['management'] = fabric.attach_management(net, prefix, session.node_hosts(), bridge, subnet)
        print('READY ' + json.dumps(described), flush=True)
        for line in sys.stdin:
            if not line.strip():
                continue
            command = json.loads(line)
            name = command.pop('cmd')
            if name == 'quit':
                break
            try:
                result = getattr(session, name)(**command)
                print('RESULT ' + json.dumps(result), flush=True)
            except Exception as e:  # report and go on: the test decides
                print('ERROR %s: %s' % (type(e).__name__, e), flush=True)
    finally:
        session.close()


def main():
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest='scenario', required=True)
    for name in ('pingall', 'serve'):
        p = sub.add_parser(name)
        p.add_argument('--controller', required=True)
        p.add_argument('--protocols', default='OpenFlow13')
        p.add_argument('--topo', default='single', choices=sorted(fabric.TOPOLOGIES))
        p.add_argument('--hosts', type=int, default=3)
        p.add_argument('--switches', type=int, default=4)
        p.add_argument('--depth', type=int, default=2)
        p.add_argument('--fanout', type=int, default=2)
        p.add_argument('--nodes', default='1', help='steering: the switch of each node, e.g. 1,1,2')
        p.add_argument('--prefix')
        p.add_argument('--management', metavar='BRIDGE,SUBNET',
                       help='connect the node hosts to this root-namespace bridge, at SUBNET.10+K (SUBNET is a.b.c)')
    args = parser.parse_args()
    setLogLevel('info' if args.scenario == 'pingall' else 'warning')
    if args.scenario == 'pingall':
        print('RESULT ' + json.dumps(pingall(args)), flush=True)
    else:
        serve(args)


if __name__ == '__main__':
    main()
