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
import socket
import struct
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from netservof import counters, jsonfile, pacing  # noqa: E402

MAGIC = b'NSEQ'
FORMAT = '!4sI'


def send(args):
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.bind(('0.0.0.0', args.sport))
    pacer = pacing.Pacer(1.0 / args.rate)
    for _ in range(args.count):
        seq = pacer.wait()
        try:
            sock.sendto(struct.pack(FORMAT, MAGIC, seq).ljust(64, b'.'), (args.dst, args.dport))
        except OSError:
            pass  # an ICMP error reported on the socket: the receiver counts the packet as lost
    print(json.dumps(pacer.summary()), flush=True)


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
    ports = [int(p) for p in args.ports.split(',')]
    socks = counters.udp_sockets(ports)
    seen = {}
    twice = {}

    def dump(*_):
        jsonfile.write(args.counts, {str(port): {str(sport): {'runs': runs(seqs), 'received': len(seqs),
                                                              'duplicates': twice.get((port, sport), 0)}
                                                 for (p, sport), seqs in seen.items() if p == port}
                                     for port in ports})

    counters.dump_on_signals(dump)
    for port, data, (_, sport) in counters.datagrams(socks):
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
    for number in ('--dport', '--sport', '--count'):
        s.add_argument(number, type=int, required=True)
    s.add_argument('--rate', type=float, default=50, help='packets a second')
    r = sub.add_parser('receive')
    for name in ('--ports', '--counts'):
        r.add_argument(name, required=True)
    args = parser.parse_args()
    {'send': send, 'receive': receive}[args.mode](args)


if __name__ == '__main__':
    main()
