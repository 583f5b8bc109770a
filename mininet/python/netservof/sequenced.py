#!/usr/bin/python3
"""Sequence-numbered UDP, so a test can tell exactly which packets of a stream were lost (run inside Mininet hosts).

send:    sequenced.py send --dst IP --dport 5060 --sport 40000 --rate 50 --count 1500
         one flow (one source port), --rate packets a second on an absolute schedule, --count of them, each
         carrying its sequence number 0..count-1; prints how many it sent and how late the schedule ran
receive: sequenced.py receive --ports 5060,5062 --counts FILE
         per destination port and source port, the sequence numbers received (as runs [first, last]) and how
         many arrived twice, until SIGTERM; writes JSON on SIGUSR1 and at SIGTERM
"""

import argparse
import json
import os
import select
import signal
import socket
import struct
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from netservof import counters, jsonfile  # noqa: E402

MAGIC = b'NSEQ'
FORMAT = '!4sI'


def send(args):
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.bind(('0.0.0.0', args.sport))
    step = 1.0 / args.rate
    began = time.time()
    worst_late = 0.0
    for seq in range(args.count):
        due = began + seq * step
        now = time.time()
        if due > now:
            time.sleep(due - now)
        else:
            worst_late = max(worst_late, now - due)
        try:
            sock.sendto(struct.pack(FORMAT, MAGIC, seq).ljust(64, b'.'), (args.dst, args.dport))
        except OSError:
            pass  # an ICMP error reported on the socket: the receiver counts the packet as lost
    print(json.dumps({'sent': args.count, 'seconds': round(time.time() - began, 3),
                      'worst_late_ms': round(worst_late * 1000, 1)}), flush=True)


def runs(numbers):
    """Sorted numbers as [first, last] runs: 1,2,3,7 -> [[1, 3], [7, 7]]."""
    out = []
    for n in sorted(numbers):
        if out and out[-1][1] == n - 1:
            out[-1][1] = n
        else:
            out.append([n, n])
    return out


def receive(args):
    socks = {}
    for p in [int(p) for p in args.ports.split(',')]:
        s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4 << 20)
        s.bind(('0.0.0.0', p))
        socks[s.fileno()] = (p, s)
    seen = {}
    twice = {}

    def dump(*_):
        jsonfile.write(args.counts, {str(port): {str(sport): {'runs': runs(seqs), 'received': len(seqs),
                                                              'duplicates': twice.get((port, sport), 0)}
                                                 for (p, sport), seqs in seen.items() if p == port}
                                     for port, _ in socks.values()})

    counters.dump_on_signals(dump)
    poller = select.poll()
    for fd in socks:
        poller.register(fd, select.POLLIN)
    while True:
        try:
            events = poller.poll(1000)
        except InterruptedError:
            continue
        for fd, _ in events:
            port, s = socks[fd]
            data, (_, sport) = s.recvfrom(65535)
            if len(data) < 8 or data[:4] != MAGIC:
                continue
            seq = struct.unpack(FORMAT, data[:8])[1]
            seqs = seen.setdefault((port, sport), set())
            if seq in seqs:
                twice[(port, sport)] = twice.get((port, sport), 0) + 1
            seqs.add(seq)


def main():
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest='mode', required=True)
    s = sub.add_parser('send')
    s.add_argument('--dst', required=True)
    s.add_argument('--dport', type=int, required=True)
    s.add_argument('--sport', type=int, required=True)
    s.add_argument('--rate', type=float, default=50)
    s.add_argument('--count', type=int, required=True)
    r = sub.add_parser('receive')
    r.add_argument('--ports', required=True)
    r.add_argument('--counts', required=True)
    args = parser.parse_args()
    {'send': send, 'receive': receive}[args.mode](args)


if __name__ == '__main__':
    main()
