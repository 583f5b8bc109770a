#!/usr/bin/python3
"""Stand-in service node: returns every frame it receives on its interface, unchanged, and counts them.

Runs inside a Mininet host until SIGTERM. On SIGUSR1 (and at exit) it writes its counts as JSON to the
file given by --counts: frames reflected, and per 'proto/dport' the packets, when the first came, the distinct flows seen and
 their sources (address:port).
Until the Java service node exists, steering tests use this as the node at the end of the tunnel.
"""

import argparse
import os
import socket
import struct
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from netservof import counters, jsonfile  # noqa: E402


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--interface', required=True)
    parser.add_argument('--counts', required=True)
    args = parser.parse_args()

    sock = counters.packet_socket(args.interface)
    counts = {'frames': 0, 'tagged': 0, 'packets': {}, 'flows': {}, 'first': {}, 'last_new_flow': {}}
    flows = {}

    def dump(*_):
        counts['flows'] = {k: len(v) for k, v in flows.items()}
        counts['sources'] = {k: sorted('%s:%d' % (socket.inet_ntoa(f[0]), f[2]) for f in v) for k, v in flows.items()}
        jsonfile.write(args.counts, counts)

    counters.dump_on_signals(dump)
    for frame in counters.incoming_frames(sock):  # not our own reflections, seen on the way out
        counts['frames'] += 1
        eth_type = struct.unpack('!H', frame[12:14])[0]
        if eth_type == 0x8100:
            counts['tagged'] += 1
        elif eth_type == 0x0800 and len(frame) >= 38:
            ihl = (frame[14] & 0x0f) * 4
            proto = frame[23]
            src, dst = frame[26:30], frame[30:34]
            sport = dport = 0
            if proto in (6, 17) and len(frame) >= 14 + ihl + 4:
                sport, dport = struct.unpack('!HH', frame[14 + ihl:18 + ihl])
            key = '%s/%d' % ({6: 'tcp', 17: 'udp', 1: 'icmp'}.get(proto, str(proto)), dport)
            if key not in counts['packets']:
                counts['first'][key] = time.time()
            counts['packets'][key] = counts['packets'].get(key, 0) + 1
            seen = flows.setdefault(key, set())
            if (src, dst, sport) not in seen:
                seen.add((src, dst, sport))
                counts['last_new_flow'][key] = time.time()
        sock.send(frame)


if __name__ == '__main__':
    main()
