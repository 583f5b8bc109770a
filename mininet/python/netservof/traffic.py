#!/usr/bin/python3
"""UDP traffic for steering tests, run inside Mininet hosts.

send:    traffic.py send --dst IP --dport 5060 --flows 300 --packets 3 --sport-base 20000
         one socket per flow (source ports sport-base .. sport-base+flows-1, and with --sources the
         flows take those source addresses in turn), packets spread over the flows
receive: traffic.py receive --ports 5060,5061 --counts FILE
         counts packets per destination port and the source ports seen, until SIGTERM; writes JSON
stream:  traffic.py stream --dst IP --dport 5060 --flows 60 --period 0.01 --sport-base 30000
         every flow sends one packet per period, the flows' packets evenly spaced, until SIGTERM; prints
         how many it sent and how late the schedule ran
watch:   traffic.py watch --interface IF --dport 5060[,5062] --counts FILE
         per source port of the UDP packets to dport (or any of the ports listed) arriving on the interface: when the first and the last
         came and how many (a packet socket, so it sees what a node's agent sees without touching it);
         writes JSON on SIGUSR1 and at SIGTERM
sip-first: traffic.py sip-first --dst IP --gap 0.002 --timeout 30
         keep-alives until the first 200 OK; prints when it came
tagged:  traffic.py tagged --interface IF --src-mac M --dst-mac M --src IP --dst IP --dports 5060,5062
         --vids 3000,3001 --count 3 --sport-base 50000
         802.1Q-tagged UDP frames written raw to the interface, one per VLAN id and port per round (a host
         forging steering's marks); prints how many it sent
sip-ua:  traffic.py sip-ua --dst IP --dport 5060 --count 20 --gap 0.05
         a SIP user agent behind a NAT: sends keep-alive NOTIFYs from port 5062 and counts the 200 OK
         answers that match them (Call-ID and CSeq) and come from the server's address and port
"""

import argparse
import json
import os
import signal
import socket
import struct
import sys
import time


sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from netservof import counters, jsonfile, pacing  # noqa: E402


def flow_sockets(flows, sport_base, sources):
    """One UDP socket per flow: source ports sport_base onwards, the source addresses taken in turn."""
    socks = []
    for i in range(flows):
        s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        s.bind((sources[i % len(sources)], sport_base + i))
        socks.append(s)
    return socks


def send(args):
    socks = flow_sockets(args.flows, args.sport_base, args.sources.split(',') if args.sources else ['0.0.0.0'])
    payload = b'netserv-of steering test'.ljust(args.size, b'.')
    sent = 0
    for round_ in range(args.packets):
        for s in socks:
            s.sendto(payload, (args.dst, args.dport))
            sent += 1
            if args.gap > 0:
                time.sleep(args.gap)
    print(json.dumps({'sent': sent}), flush=True)


def stream(args):
    """Paced on an absolute schedule, not by sleeping a gap after each packet: a late wake-up is caught up,
    so every flow keeps its period on average (the failover benchmark times flows by their packets)."""
    socks = flow_sockets(args.flows, args.sport_base, ['0.0.0.0'])
    payload = b'netserv-of failover stream'.ljust(args.size, b'.')
    running = [True]

    def stop(*_):
        running[0] = False

    signal.signal(signal.SIGTERM, stop)
    pacer = pacing.Pacer(args.period / len(socks))
    while running[0]:
        sent = pacer.wait()
        try:
            socks[sent % len(socks)].sendto(payload, (args.dst, args.dport))
        except OSError:
            pass  # a full queue or an ICMP error reported on the socket: the next period sends again
    print(json.dumps(pacer.summary()), flush=True)


def watch(args):
    sock = counters.packet_socket(args.interface)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4 << 20)
    flows = {}
    dports = {int(p) for p in args.dport.split(',')}

    def dump(*_):
        jsonfile.write(args.counts, {'dumped_at': time.time(), 'flows': flows})

    counters.dump_on_signals(dump)
    for frame in counters.incoming_frames(sock):  # not the node sending the packet back
        now = time.time()
        ip = 14
        while frame[ip - 2:ip] == b'\x81\x00':  # VLAN tags (the container mark), when left in the frame
            ip += 4
        if frame[ip - 2:ip] != b'\x08\x00' or len(frame) < ip + 24 or frame[ip + 9] != 17:
            continue
        udp = ip + (frame[ip] & 0x0f) * 4
        sport, dport = struct.unpack('!HH', frame[udp:udp + 4])
        if dport not in dports:
            continue
        seen = flows.get(sport)
        if seen is None:
            flows[sport] = [now, now, 1]
        else:
            seen[1] = now
            seen[2] += 1


def receive(args):
    ports = [int(p) for p in args.ports.split(',')]
    socks = counters.udp_sockets(ports)
    counts = {str(p): {'packets': 0, 'sources': {}} for p in ports}

    def dump(*_):
        jsonfile.write(args.counts, counts)

    counters.dump_on_signals(dump)
    for port, _, (src, sport) in counters.datagrams(socks):
        c = counts[str(port)]
        c['packets'] += 1
        key = '%s:%d' % (src, sport)
        c['sources'][key] = c['sources'].get(key, 0) + 1


KEEP_ALIVE = ('NOTIFY sip:{server} SIP/2.0\r\n'
              'Via: SIP/2.0/UDP {ua}:5062;branch=z9hG4bK-{seq}-a3f5c1;rport\r\n'
              'Max-Forwards: 70\r\n'
              'Contact: <sip:alice@{ua}:5062>\r\n'
              'To: <sip:alice@{server}>\r\n'
              'From: <sip:alice@{server}>;tag=8d3c1a2f\r\n'
              'Call-ID: ka-{call}@{ua}\r\n'
              'CSeq: {seq} NOTIFY\r\n'
              'Event: keep-alive\r\n'
              'Content-Length: 0\r\n\r\n')


def sip_ua(args):
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind(('0.0.0.0', 5062))
    s.connect((args.dst, args.dport))
    ua = s.getsockname()[0]
    call = os.urandom(6).hex()
    s.setblocking(False)
    expected = {}
    answered = 0
    other = 0

    def drain():
        nonlocal answered, other
        while True:
            try:
                data = s.recv(65535)
            except BlockingIOError:
                return
            text = data.decode('latin-1')
            lines = text.split('\r\n')
            headers = {}
            for line in lines[1:]:
                if ':' in line:
                    k, v = line.split(':', 1)
                    headers.setdefault(k.strip().lower(), v.strip())
            key = (headers.get('call-id'), headers.get('cseq'))
            if lines[0] == 'SIP/2.0 200 OK' and key in expected and not expected[key]:
                expected[key] = True
                answered += 1
            else:
                other += 1

    for seq in range(1, args.count + 1):
        s.send(KEEP_ALIVE.format(server=args.dst, ua=ua, seq=seq, call=call).encode('latin-1'))
        expected[('ka-%s@%s' % (call, ua), '%d NOTIFY' % seq)] = False
        time.sleep(args.gap)
        drain()
    deadline = time.time() + 2
    while answered < args.count and time.time() < deadline:
        time.sleep(0.05)
        drain()
    print(json.dumps({'sent': args.count, 'answered': answered, 'other': other}), flush=True)


def sip_first(args):
    """Sends keep-alives every gap seconds until the first 200 OK comes back (or the timeout); prints the
    wall-clock time it arrived, so that a caller can time how soon a module starts answering."""
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind(('0.0.0.0', 5062))
    s.connect((args.dst, args.dport))
    ua = s.getsockname()[0]
    call = os.urandom(6).hex()
    s.settimeout(args.gap)
    deadline = time.time() + args.timeout
    seq = 0
    while time.time() < deadline:
        seq += 1
        try:  # the server host answers with port-unreachable (nothing listens): the socket reports it once
            s.send(KEEP_ALIVE.format(server=args.dst, ua=ua, seq=seq, call=call).encode('latin-1'))
            data = s.recv(65535)
        except (socket.timeout, ConnectionRefusedError):
            continue
        if data.startswith(b'SIP/2.0 200 OK'):
            print(json.dumps({'sent': seq, 'first_answer': time.time()}), flush=True)
            return
    print(json.dumps({'sent': seq, 'first_answer': None}), flush=True)


def ipv4_checksum(header):
    total = sum(struct.unpack('!%dH' % (len(header) // 2), header))
    while total >> 16:
        total = (total & 0xffff) + (total >> 16)
    return ~total & 0xffff


def tagged(args):
    s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
    s.bind((args.interface, 0))
    macs = bytes.fromhex(args.dst_mac.replace(':', '')) + bytes.fromhex(args.src_mac.replace(':', ''))
    payload = b'netserv-of forged mark'.ljust(32, b'.')
    sent = 0
    for _ in range(args.count):
        for vid in [int(v) for v in args.vids.split(',')]:
            for dport in [int(p) for p in args.dports.split(',')]:
                ip = struct.pack('!BBHHHBBH4s4s', 0x45, 0, 28 + len(payload), sent & 0xffff, 0x4000, 64, 17, 0,
                                 socket.inet_aton(args.src), socket.inet_aton(args.dst))
                ip = ip[:10] + struct.pack('!H', ipv4_checksum(ip)) + ip[12:]
                udp = struct.pack('!HHHH', args.sport_base + sent % 1000, dport, 8 + len(payload), 0) + payload
                s.send(macs + struct.pack('!HH', 0x8100, vid & 0x0fff) + b'\x08\x00' + ip + udp)
                sent += 1
                time.sleep(0.001)
    print(json.dumps({'sent': sent}), flush=True)


def add_destination(parser, dport=None):
    """--dst and --dport: the port is required unless it has a default."""
    parser.add_argument('--dst', required=True)
    if dport is None:
        parser.add_argument('--dport', type=int, required=True)
    else:
        parser.add_argument('--dport', type=int, default=dport)


def add_flows(parser, flows, sport_base):
    """--flows from --sport-base on, each packet --size bytes of payload."""
    parser.add_argument('--flows', type=int, default=flows)
    parser.add_argument('--sport-base', type=int, default=sport_base)
    parser.add_argument('--size', type=int, default=64)


def main():
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest='mode', required=True)
    p = sub.add_parser('send')
    add_destination(p)
    add_flows(p, 1, 20000)
    p.add_argument('--packets', type=int, default=1)
    p.add_argument('--gap', type=float, default=0.0005)
    p.add_argument('--sources', default='', help='source addresses to spread the flows over, comma separated')
    r = sub.add_parser('receive')
    r.add_argument('--ports', required=True)
    r.add_argument('--counts', required=True)
    u = sub.add_parser('sip-ua')
    add_destination(u, 5060)
    u.add_argument('--count', type=int, default=20)
    u.add_argument('--gap', type=float, default=0.05)
    st = sub.add_parser('stream')
    add_destination(st)
    add_flows(st, 60, 30000)
    st.add_argument('--period', type=float, default=0.01)
    w = sub.add_parser('watch')
    w.add_argument('--interface', required=True)
    w.add_argument('--dport', required=True, help='a port, or several comma separated')
    w.add_argument('--counts', required=True)
    f = sub.add_parser('sip-first')
    add_destination(f, 5060)
    f.add_argument('--gap', type=float, default=0.002)
    f.add_argument('--timeout', type=float, default=30)
    t = sub.add_parser('tagged')
    for name in ('--interface', '--src-mac', '--dst-mac', '--src', '--dst', '--dports', '--vids'):
        t.add_argument(name, required=True)
    t.add_argument('--count', type=int, default=1)
    t.add_argument('--sport-base', type=int, default=50000)
    args = parser.parse_args()
    {'send': send, 'tagged': tagged, 'receive': receive, 'stream': stream, 'watch': watch, 'sip-ua': sip_ua,
     'sip-first': sip_first}[args.mode](args)


if __name__ == '__main__':
    main()
