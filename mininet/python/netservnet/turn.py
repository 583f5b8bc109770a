"""Media over a TURN relay for the Media Relay scenario (thesis 7.3): a tiny TURN client (RFC 5766 over UDP:
Allocate, CreatePermission, Send and Data indications, Refresh) that sends numbered media packets to a peer
through the relay and times their echoes, the same measure taken straight to the peer, and the peer's echo.
Standard library only, so it runs in any Mininet host with /usr/bin/python3:

    python3 turn.py relay --server 10.0.0.100 --peer 10.0.0.2 --peer-port 5004 --count 50
    python3 turn.py direct --peer 10.0.0.2 --peer-port 5004 --count 50
    python3 turn.py echo --port 5004 --seconds 30
    python3 turn.py spray --to 10.0.0.100 --ports 49152-49155 --rate 20 --seconds 10

Each prints one JSON object when it is done. The STUN codec is its own (not the module's), so a test of one
against the other checks both; it is unit-tested on bytes without a network."""

import argparse
import json
import os
import signal
import socket
import struct
import sys
import time

MAGIC = 0x2112A442
BINDING, ALLOCATE, REFRESH, SEND, DATA, CREATE_PERMISSION = 0x001, 0x003, 0x004, 0x006, 0x007, 0x008
REQUEST, INDICATION, SUCCESS, ERROR = 0, 1, 2, 3
ERROR_CODE, LIFETIME, XOR_PEER, DATA_ATTR, XOR_RELAYED, REQUESTED_TRANSPORT, XOR_MAPPED = (
    0x0009, 0x000D, 0x0012, 0x0013, 0x0016, 0x0019, 0x0020)
MEDIA = struct.Struct('!Id')  # a media packet's sequence number and send time, then padding


def message_type(method, cls):
    """RFC 5389 6: the class bits C0 and C1 sit among the method's bits."""
    return (method & 0xF) | ((method & 0x70) << 1) | ((method & 0xF80) << 2) | ((cls & 1) << 4) | ((cls & 2) << 7)


def method_and_class(mtype):
    method = (mtype & 0xF) | ((mtype & 0xE0) >> 1) | ((mtype & 0x3E00) >> 2)
    return method, ((mtype >> 4) & 1) | ((mtype >> 7) & 2)


def encode(method, cls, transaction, attributes):
    """A STUN message: attributes is a list of (type, value bytes), each padded to 4 bytes."""
    body = b''.join(struct.pack('!HH', t, len(v)) + v + b'\0' * (-len(v) % 4) for t, v in attributes)
    return struct.pack('!HHI', message_type(method, cls), len(body), MAGIC) + transaction + body


def decode(datagram):
    """(method, class, transaction, [(type, value)]) of a STUN message, or None for anything else or cut short."""
    if len(datagram) < 20:
        return None
    mtype, length, magic = struct.unpack_from('!HHI', datagram)
    if mtype & 0xC000 or magic != MAGIC or length != len(datagram) - 20 or length % 4:
        return None
    attributes, at = [], 20
    while at < len(datagram):
        atype, alen = struct.unpack_from('!HH', datagram, at)
        if at + 4 + alen > len(datagram):
            return None
        attributes.append((atype, datagram[at + 4:at + 4 + alen]))
        at += 4 + alen + (-alen % 4)
    return method_and_class(mtype) + (datagram[8:20], attributes)


def xor_address(address, port):
    """An XOR-*-ADDRESS value for an IPv4 address and port."""
    raw = struct.unpack('!I', socket.inet_aton(address))[0] ^ MAGIC
    return struct.pack('!BBHI', 0, 1, port ^ (MAGIC >> 16), raw)


def from_xor_address(value):
    """(address, port) of an XOR-*-ADDRESS value, or None when it is not IPv4."""
    if len(value) != 8 or value[1] != 1:
        return None
    _, _, port, raw = struct.unpack('!BBHI', value)
    return socket.inet_ntoa(struct.pack('!I', raw ^ MAGIC)), port ^ (MAGIC >> 16)


def attribute(message, atype):
    return next((v for t, v in message[3] if t == atype), None)


def error_code(message):
    value = attribute(message, ERROR_CODE)
    return None if value is None or len(value) < 4 else (value[2] & 7) * 100 + value[3]


class TurnClient:
    """One allocation on a TURN server, from a socket of its own."""

    def __init__(self, server, port=3478, timeout=2.0):
        self.server = (server, port)
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.sock.settimeout(timeout)
        self.relayed = None
        self.senders = {}  # peer 'ADDRESS:PORT' -> Data indications from it

    def request(self, method, attributes, tries=3):
        """Sends a request (again after a timeout: the first may go while ARP is learnt); its response."""
        transaction = os.urandom(12)
        for _ in range(tries):
            self.sock.sendto(encode(method, REQUEST, transaction, attributes), self.server)
            deadline = time.time() + self.sock.gettimeout()
            while time.time() < deadline:
                try:
                    answer = decode(self.sock.recvfrom(65535)[0])
                except socket.timeout:
                    break
                if answer and answer[2] == transaction:
                    return answer
        raise OSError('no answer from the TURN server %s:%d' % self.server)

    def allocate(self, lifetime=600):
        """Allocates a relay address: (address, port); 0.0.0.0 in the answer means the server's own address."""
        answer = self.request(ALLOCATE, [(REQUESTED_TRANSPORT, bytes([17, 0, 0, 0])),
                                         (LIFETIME, struct.pack('!I', lifetime))])
        if answer[1] != SUCCESS:
            raise OSError('Allocate refused: %s' % error_code(answer))
        address, port = from_xor_address(attribute(answer, XOR_RELAYED))
        self.relayed = (self.server[0] if address == '0.0.0.0' else address, port)
        return self.relayed

    def permit(self, peer):
        answer = self.request(CREATE_PERMISSION, [(XOR_PEER, xor_address(peer, 0))])
        if answer[1] != SUCCESS:
            raise OSError('CreatePermission refused: %s' % error_code(answer))

    def release(self):
        """Refresh with lifetime 0: the allocation goes at once."""
        return self.request(REFRESH, [(LIFETIME, struct.pack('!I', 0))])[1] == SUCCESS

    def send(self, peer, peer_port, payload):
        self.sock.sendto(encode(SEND, INDICATION, os.urandom(12), [(XOR_PEER, xor_address(peer, peer_port)),
                                                                   (DATA_ATTR, payload)]), self.server)

    def receive(self):
        """The payload of the next Data indication (anything else is skipped), or None after the timeout."""
        deadline = time.time() + self.sock.gettimeout()
        while time.time() < deadline:
            try:
                message = decode(self.sock.recvfrom(65535)[0])
            except socket.timeout:
                return None
            if message and message[:2] == (DATA, INDICATION):
                peer = from_xor_address(attribute(message, XOR_PEER) or b'')
                key = '%s:%d' % peer if peer else 'unknown'
                self.senders[key] = self.senders.get(key, 0) + 1
                return attribute(message, DATA_ATTR) or b''
        return None


def media(seq, size=160):
    """A media packet: sequence number, send time, padding to size bytes (20 ms of G.711 is 160)."""
    return MEDIA.pack(seq, time.time()).ljust(size, b'\0')


def summary(rtts_ms, sent):
    """What a run measured: packets sent and echoed, and the round trips' median and 90th percentile."""
    rtts = sorted(rtts_ms)
    pick = (lambda q: round(rtts[min(len(rtts) - 1, int(q * len(rtts)))], 3)) if rtts else (lambda q: None)
    return {'sent': sent, 'echoed': len(rtts), 'rtt_ms_median': pick(0.5), 'rtt_ms_p90': pick(0.9)}


def exchange(send, receive, count, gap):
    """Sends count media packets gap seconds apart and times the echo of each as it comes back."""
    rtts = []
    for seq in range(count):
        try:
            send(media(seq))
        except OSError:  # no route (a blocked path): the packet is lost, as on the wire
            time.sleep(gap)
            continue
        echoed = receive()
        if echoed is not None and len(echoed) >= MEDIA.size:
            got_seq, sent_at = MEDIA.unpack_from(echoed)
            if got_seq == seq:
                rtts.append((time.time() - sent_at) * 1000)
        time.sleep(gap)
    return summary(rtts, count)


def relay(options):
    client = TurnClient(options.server, options.port, timeout=options.timeout)
    relayed = client.allocate()
    client.permit(options.peer)
    result = exchange(lambda p: client.send(options.peer, options.peer_port, p), client.receive, options.count,
                      options.gap)
    result.update({'relayed': '%s:%d' % relayed, 'data_from': client.senders, 'released': client.release()})
    return result


def direct(options):
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.settimeout(options.timeout)

    def receive():
        try:
            return sock.recvfrom(65535)[0]
        except socket.timeout:
            return None
    return exchange(lambda p: sock.sendto(p, (options.peer, options.peer_port)), receive, options.count, options.gap)


def spray(options):
    """Sends datagrams to every port of options.ports at options.rate a second for options.seconds: a peer that
    was never permitted, whose data the relay must drop."""
    first, last = (int(p) for p in options.ports.split('-'))
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sent, deadline = 0, time.time() + options.seconds
    while time.time() < deadline:
        for port in range(first, last + 1):
            sock.sendto(b'not permitted %d' % sent, (options.to, port))
            sent += 1
        time.sleep(1.0 / options.rate)
    return {'sent': sent}


def echo(options):
    """Answers each datagram to its sender (through a relay: to the relay port) for options.seconds, or until
    SIGTERM; then says how many it echoed and to whom."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.bind(('0.0.0.0', options.port))
    sock.settimeout(0.5)
    echoed, senders, deadline = 0, set(), [time.time() + options.seconds]
    signal.signal(signal.SIGTERM, lambda *_: deadline.__setitem__(0, 0))
    while time.time() < deadline[0]:
        try:
            data, sender = sock.recvfrom(65535)
        except socket.timeout:
            continue
        sock.sendto(data, sender)
        echoed += 1
        senders.add('%s:%d' % sender)
    return {'echoed': echoed, 'senders': sorted(senders)}


def parse(argv):
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    sub = parser.add_subparsers(dest='mode', required=True)
    for mode in ('relay', 'direct'):
        p = sub.add_parser(mode)
        p.add_argument('--peer', required=True)
        p.add_argument('--peer-port', type=int, default=5004)
        p.add_argument('--count', type=int, default=50)
        p.add_argument('--gap', type=float, default=0.02)
        p.add_argument('--timeout', type=float, default=1.0)
        if mode == 'relay':
            p.add_argument('--server', required=True)
            p.add_argument('--port', type=int, default=3478)
    p = sub.add_parser('spray')
    p.add_argument('--to', required=True)
    p.add_argument('--ports', required=True, help='FIRST-LAST')
    p.add_argument('--rate', type=float, default=20)
    p.add_argument('--seconds', type=float, default=10)
    p = sub.add_parser('echo')
    p.add_argument('--port', type=int, default=5004)
    p.add_argument('--seconds', type=float, default=30)
    return parser.parse_args(argv)


def main(argv=None):
    options = parse(argv)
    try:
        result = {'relay': relay, 'direct': direct, 'echo': echo, 'spray': spray}[options.mode](options)
    except OSError as e:
        result = {'error': str(e)}
    print(json.dumps(result), flush=True)
    return 0 if 'error' not in result else 1


if __name__ == '__main__':
    sys.exit(main())
