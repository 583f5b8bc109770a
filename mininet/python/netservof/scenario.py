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
             {"cmd": "seq_receive_start", "dst": "h2", "ports": "5060,5062"}   (sequenced.py: numbered packets)
             {"cmd": "seq_send_start", "name": "a", "src": "h1", "dst": "h2", "dport": 5060, "sport": 40000,
              "count": 1500, "rate": 50}
             {"cmd": "seq_send_wait", "name": "a"}
             {"cmd": "seq_receive_stop"}          (per port, per source port: runs of sequence numbers received)
             {"cmd": "agents_start", "java": "/usr/bin/java", "lib": "DIR", "controller": "IP:PORT",
              "token_dir": "D"}     (with --management: a real node agent on each node host, token D/NODE.token)
             {"cmd": "agent_start", "node": "n1", ..., "attachment": "DPID/PORT", "wait_exit": 20}
                  (optional "host": the node host to run in, default the node; "name": its log and work dir)
             {"cmd": "agent_kill", "node": "n1"}
             {"cmd": "container_kill", "node": "n1", "user": "alice"}
             {"cmd": "agent_log", "node": "n1"}
             {"cmd": "mac_spray_start", "host": "h1", "count": 20000}  (random MACs; spray_stop says how many)
             {"cmd": "port_spray_start", "src": "h1", "dst": "h2", "dport": 5060, "count": 5000}  (new flows)
             {"cmd": "spray_stop"}
             {"cmd": "meter_stats", "switch": "s1"}
             {"cmd": "sip_keepalives", "src": "h1", "dst": "h2", "count": 20, "gap": 0.05}
             {"cmd": "signal_spray_start", "src": "h1", "dst": "h2", "count": 3000, "gap": 0.0005}
             {"cmd": "signal_spray_wait"}      (unsigned UDP/270 requests, random nonces and MACs: signal_spray.py)
             {"cmd": "lldp_relay_start", "a": "h1", "b": "h3"}   (the two hosts pass each other LLDP frames)
             {"cmd": "lldp_relay_stats"}
             {"cmd": "lldp_relay_stop"}
             {"cmd": "server_probe", "src": "h1", "address": "10.0.0.100", "udp_port": 3478, "tcp_port": 8080,
              "text": "hello"}     (one datagram and one TCP line to a server module: server_probe.py)
             {"cmd": "daemon_start", "host": "n1", "port": 2222}   (a stand-in node daemon on 0.0.0.0:PORT)
             {"cmd": "daemon_stop"}
             {"cmd": "tcp_connect", "src": "h1", "address": "10.0.0.100", "port": 2222}   (connected or not)
             {"cmd": "management_capture", "host": "n1", "port": 9999, "seconds": 3}   (UDP out of n1-m)
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

from netservof import connections, fabric  # noqa: E402
from netservof.scenario_agents import AgentCommands  # noqa: E402
from netservof.scenario_relay import RelayCommands  # noqa: E402
from netservof.scenario_sequenced import SequencedCommands  # noqa: E402
from netservof.scenario_flood import FloodCommands  # noqa: E402
from netservof.scenario_traffic import TrafficCommands  # noqa: E402
from netservof.scenario_server import ServerCommands  # noqa: E402

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
    log = connections.ConnectionLog()  # before the switches start: only what they log from now on counts
    net = fabric.build(args.topo, prefix, args.protocols, args.controller, **topo_params(args))
    net.build()
    fabric.start_switches(net, cluster=args.cluster)
    fabric.disable_offloads(net)
    connected = connections.wait_connected(net, log, timeout=30)
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


class Session(TrafficCommands, AgentCommands, RelayCommands, FloodCommands, SequencedCommands, ServerCommands):
    """The commands of a served network: the fabric's here, traffic's and agents' in their own modules."""

    def __init__(self, net, prefix):
        self.net = net
        self.prefix = prefix
        self.stream = None
        self.reflectors = {}
        self.agents = {}
        self.sip_first = None
        self.udp_stream = None
        self.watchers = {}
        self.seq_receiver = None
        self.seq_senders = {}
        self.workdir = tempfile.mkdtemp(prefix='netserv-%s-' % prefix)
        os.chmod(self.workdir, 0o711)  # node containers run as nobody and need to pass through

    def close(self):
        """Stops what the session started (our own processes, by handle), the network, and its leftovers: each
        step runs whatever the one before it raised (the first error is raised at the end)."""
        errors = []
        for step in (self._stop_traffic, self.daemon_stop, self._stop_agents, self.net.stop,
                     lambda: fabric.remove_leftovers(self.prefix),
                     lambda: shutil.rmtree(self.workdir, ignore_errors=True)):
            try:
                step()
            except Exception as e:  # noqa: BLE001 - the rest of the teardown must still run
                errors.append(e)
        if errors:
            raise errors[0]

    def _stop_traffic(self):
        for proc in [p for p in (self.stream and self.stream[0], self.sip_first) if p]:
            proc.kill()
        self.udp_background_stop()
        self.spray_stop()
        if self.udp_stream:
            self.udp_stream_stop()
        self.flow_watch_stop()
        if self.seq_receiver:
            self.seq_receive_stop(settle=0)
        self.lldp_relay_stop()
        for proc, _ in self.reflectors.values():
            proc.kill()

    def _stop_agents(self):
        for proc in self.agents.values():
            proc.terminate()
        for proc in self.agents.values():
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()

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

    def sysctl(self, host, setting):
        """Sets a kernel setting inside a host's namespace (net.ipv4.* settings are per namespace)."""
        return {'out': self.node(host).cmd('sysctl -w %s' % shlex.quote(setting)).strip()}

    def meters(self, switch):
        """The switch's meters as ovs-ofctl prints them (OpenFlow 1.3)."""
        return {'meters': [line.strip() for line in self.node(switch).dpctl('dump-meters', '-O', 'OpenFlow13')
                           .splitlines() if line.strip()]}

    def flows(self, switch):
        sw = self.node(switch)
        protocol = (sw.protocols or 'OpenFlow13').split(',')[-1]
        out = sw.dpctl('dump-flows', '-O', protocol)
        return {'flows': [line.strip() for line in out.splitlines() if 'cookie=' in line]}


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
        p.add_argument('--cluster', action='store_true',
                       help='the controllers are one cluster: every switch connects to every one of them')
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
