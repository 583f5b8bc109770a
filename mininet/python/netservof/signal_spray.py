"""Sprays a host's port with NetServ signaling requests nobody signed: SETUPs naming a configured user with a
garbage signature, SETUPs of an unknown user, and SETUPs with no signature at all, each with a fresh random
nonce and a random source MAC (every other one with a random destination MAC too), toward one destination on
UDP port 270. Bounded in count; prints {"sent": N, "seconds": S} when done.

Usage: signal_spray.py --interface IF --src-ip A --dst-ip B --dst-mac M --user alice --count 3000 --gap 0.0005
"""

import argparse
import base64
import json
import os
import random
import socket
import struct
import time


def checksum(data):
    if len(data) % 2:
        data += b'\0'
    total = sum(struct.unpack('!%dH' % (len(data) // 2), data))
    while total >> 16:
        total = (total & 0xffff) + (total >> 16)
    return ~total & 0xffff


def random_mac():
    return bytes([0x02]) + os.urandom(5)  # locally administered, unicast


def request(kind, user):
    nonce = base64.urlsafe_b64encode(os.urandom(16)).decode().rstrip('=')
    lines = ['SETUP NetMonitor_1.0 NETSERV/0.1', 'filter-proto:udp', 'filter-port:5060', 'filter-dst:10.0.0.2/32',
             'ttl:600', 'url:http://10.0.9.254/NetMonitor.jar', 'module-sha256:' + 'ab' * 32,
             'user:' + (user if kind != 1 else 'stranger%d' % random.randrange(1000)), 'nonce:' + nonce,
             'timestamp:%d' % int(time.time())]
    if kind != 2:
        lines.append('signature:' + base64.b64encode(os.urandom(64)).decode())
    return ('\n'.join(lines) + '\n\n').encode()


def frame(src_mac, dst_mac, src_ip, dst_ip, payload):
    udp = struct.pack('!HHHH', random.randrange(1024, 65535), 270, 8 + len(payload), 0) + payload
    ip = struct.pack('!BBHHHBBH4s4s', 0x45, 0, 20 + len(udp), random.randrange(65536), 0, 64, 17, 0,
                     socket.inet_aton(src_ip), socket.inet_aton(dst_ip))
    ip = ip[:10] + struct.pack('!H', checksum(ip)) + ip[12:]
    return dst_mac + src_mac + b'\x08\x00' + ip + udp


def main():
    p = argparse.ArgumentParser()
    p.add_argument('--interface', required=True)
    p.add_argument('--src-ip', required=True)
    p.add_argument('--dst-ip', required=True)
    p.add_argument('--dst-mac', required=True)
    p.add_argument('--user', default='alice')
    p.add_argument('--count', type=int, default=3000)
    p.add_argument('--gap', type=float, default=0.0005)
    args = p.parse_args()
    dst_mac = bytes.fromhex(args.dst_mac.replace(':', ''))
    s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
    s.bind((args.interface, 0))
    began = time.time()
    for i in range(args.count):
        to = dst_mac if i % 2 == 0 else random_mac()
        s.send(frame(random_mac(), to, args.src_ip, args.dst_ip, request(i % 3, args.user)))
        if args.gap > 0:
            time.sleep(args.gap)
    print(json.dumps({'sent': args.count, 'seconds': round(time.time() - began, 3)}), flush=True)


if __name__ == '__main__':
    main()
