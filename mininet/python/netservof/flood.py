"""Floods for the flood-protection tests, run on a Mininet host.

    flood.py mac-spray --interface h1-eth0 --count 20000
        Sends IPv4/UDP frames with random source and destination MAC addresses (as macof does), as fast as it
        can, until --count are sent or SIGTERM arrives; prints {"sent": N} at the end.
    flood.py port-spray --dst 10.0.0.2 --dport 5060 --count 5000 [--rate 3000]
        Sends one UDP datagram from each of --count fresh sockets (the kernel picks a new source port for
        each): every datagram is the first of a new flow; at most --rate a second when given (a flood that
        does not also starve the sending host's other traffic of CPU on a small machine). Same ending as
        mac-spray.
"""

import argparse
import json
import os
import signal
import socket
import struct
import time


def checksum(header):
    total = sum(struct.unpack('!%dH' % (len(header) // 2), header))
    total = (total & 0xffff) + (total >> 16)
    total = (total & 0xffff) + (total >> 16)
    return ~total & 0xffff


def frame(rand):
    """A UDP datagram 10.66.x.y -> 10.67.x.y between random locally administered unicast MACs."""
    dst = bytes([0x02]) + rand[0:5]
    src = bytes([0x02]) + rand[5:10]
    payload = b'netserv-of mac spray'.ljust(26, b'.')
    udp = struct.pack('!HHHH', 1024 + rand[10], 9, 8 + len(payload), 0) + payload
    ip = struct.pack('!BBHHHBBH4s4s', 0x45, 0, 20 + len(udp), 0, 0, 64, 17, 0,
                     bytes([10, 66]) + rand[11:13], bytes([10, 67]) + rand[13:15])
    ip = ip[:10] + struct.pack('!H', checksum(ip)) + ip[12:]
    return dst + src + b'\x08\x00' + ip + udp


def spray(count, send_one, rate=0):
    """Calls send_one until count succeeded or SIGTERM arrives, at most rate a second when rate > 0; prints how
    many did."""
    stop = []
    signal.signal(signal.SIGTERM, lambda *_: stop.append(True))
    sent = 0
    start = time.monotonic()
    while sent < count and not stop:
        ahead = sent / rate - (time.monotonic() - start) if rate > 0 else 0
        if ahead > 0:
            time.sleep(min(ahead, 0.05))
            continue
        try:
            send_one()
            sent += 1
        except OSError:  # the interface's queue is full: let it drain
            pass
    print(json.dumps({'sent': sent}), flush=True)


def mac_spray(args):
    s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
    s.bind((args.interface, 0))
    spray(args.count, lambda: s.send(frame(os.urandom(15))))


def port_spray(args):
    payload = b'netserv-of port spray'

    def send_one():
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
            s.sendto(payload, (args.dst, args.dport))
    spray(args.count, send_one, args.rate)


def main():
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest='mode', required=True)
    m = sub.add_parser('mac-spray')
    m.add_argument('--interface', required=True)
    m.add_argument('--count', type=int, required=True)
    p = sub.add_parser('port-spray')
    p.add_argument('--dst', required=True)
    p.add_argument('--dport', type=int, required=True)
    p.add_argument('--count', type=int, required=True)
    p.add_argument('--rate', type=int, default=0, help='datagrams a second at most (0: as fast as it can)')
    args = parser.parse_args()
    {'mac-spray': mac_spray, 'port-spray': port_spray}[args.mode](args)


if __name__ == '__main__':
    main()
