#!/usr/bin/python3
"""UDP traffic for steering tests, run inside Mininet hosts.

send:    traffic.py send --dst IP --dport 5060 --flows 300 --packets 3 --sport-base 20000
         one socket per flow (source ports sport-base .. sport-base+flows-1, and with --sources the
         flows take those source addresses in turn), packets spread over the flows
receive: traffic.py receive --ports 5060,5061 --counts FILE
         counts packets per destination port and the source ports seen, until SIGTERM; writes JSON
"""

import argparse
import json
import os
import select
import signal
import socket
import sys
import time


sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from netservof import jsonfile  # noqa: E402


def send(args):
    sources = args.sources.split(',') if args.sources else ['0.0.0.0']
    socks = []
    for i in range(args.flows):
        s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        s.bind((sources[i % len(sources)], args.sport_base + i))
        socks.append(s)
    payload = b'netserv-of steering test'.ljust(args.size, b'.')
    sent = 0
    for round_ in range(args.packets):
        for s in socks:
            s.sendto(payload, (args.dst, args.dport))
            sent += 1
            if args.gap > 0:
                time.sleep(args.gap)
    print(json.dumps({'sent': sent}), flush=True)


def receive(args):
    ports = [int(p) for p in args.ports.split(',')]
    socks = {}
    for p in ports:
        s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4 << 20)
        s.bind(('0.0.0.0', p))
        socks[s.fileno()] = (p, s)
    counts = {str(p): {'packets': 0, 'sources': {}} for p in ports}

    def dump(*_):
        jsonfile.write(args.counts, counts)

    def stop(*_):
        dump()
        sys.exit(0)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGUSR1, dump)
    dump()
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
            _, (src, sport) = s.recvfrom(65535)
            c = counts[str(port)]
            c['packets'] += 1
            key = '%s:%d' % (src, sport)
            c['sources'][key] = c['sources'].get(key, 0) + 1


def main():
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest='mode', required=True)
    p = sub.add_parser('send')
    p.add_argument('--dst', required=True)
    p.add_argument('--dport', type=int, required=True)
    p.add_argument('--flows', type=int, default=1)
    p.add_argument('--packets', type=int, default=1)
    p.add_argument('--sport-base', type=int, default=20000)
    p.add_argument('--size', type=int, default=64)
    p.add_argument('--gap', type=float, default=0.0005)
    p.add_argument('--sources', default='', help='source addresses to spread the flows over, comma separated')
    r = sub.add_parser('receive')
    r.add_argument('--ports', required=True)
    r.add_argument('--counts', required=True)
    args = parser.parse_args()
    send(args) if args.mode == 'send' else receive(args)


if __name__ == '__main__':
    main()
