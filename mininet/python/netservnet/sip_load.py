"""SIP load for the Overload Control tests (thesis 7.4): a generator that sends INVITE or REGISTER requests at a
steady rate from one host to a SIP server address and counts the answers by status (the 503s that the node's
OverloadControl module sends back, the 200s of the server), and a tiny SIP server that counts the requests
that reach it and answers each with 200 OK. Standard library only, so it runs in any Mininet host with
/usr/bin/python3:

    python3 sip_load.py load --server 10.0.0.2 --method INVITE --rate 80 --seconds 5
    python3 sip_load.py serve --port 5060 --seconds 10
    python3 sip_load.py attack --server 10.0.0.2 --rate 100 --seconds 5

and an attacker that sends the SIP port datagrams that are not well-formed requests (non-SIP bytes, cut and
malformed INVITEs, requests too large to answer), in turn. Each prints one JSON object when it is done (also
on SIGTERM), for the test to read; times are time.monotonic(), which Mininet hosts share (they are network
namespaces), so a test can place one host's arrivals within another's sending. Message building and parsing
are separate functions, unit-tested without a network."""

import argparse
import json
import select
import signal
import socket
import sys
import time

COPIED = ('via', 'from', 'to', 'call-id', 'cseq')
COMPACT = {'v': 'via', 'f': 'from', 't': 'to', 'i': 'call-id'}
GRACE_SECONDS = 0.5


def request(method, server, local, seq, run='load'):
    """The bytes of one SIP request `method` (INVITE or REGISTER) to `server` (host, port) from `local`
    (host, port): a fresh branch and Call-ID per request, as a new call or registration would have, so every
    one is a new transaction for the server and for the module that rate-limits them."""
    host, port = server
    me, my_port = local
    uri = 'sip:%s:%d' % (host, port) if method == 'REGISTER' else 'sip:service@%s:%d' % (host, port)
    lines = [
        '%s %s SIP/2.0' % (method, uri),
        'Via: SIP/2.0/UDP %s:%d;branch=z9hG4bK-%s-%d;rport' % (me, my_port, run, seq),
        'Max-Forwards: 70',
        'From: <sip:load@%s>;tag=%s-%d' % (me, run, seq),
        'To: <sip:service@%s>' % host,
        'Call-ID: %s-%d@%s' % (run, seq, me),
        'CSeq: %d %s' % (seq, method),
        'Contact: <sip:load@%s:%d>' % (me, my_port),
        'Content-Length: 0',
    ]
    return ('\r\n'.join(lines) + '\r\n\r\n').encode('ascii')


def start_line(datagram):
    """The first line of a SIP message as text, or None when there is no complete one."""
    text = datagram.decode('iso-8859-1')
    end = text.find('\r\n')
    return text[:end] if end > 0 else None


def status_of(datagram):
    """The status code of a SIP response (503 for `SIP/2.0 503 Service Unavailable`), None for anything else."""
    line = start_line(datagram)
    parts = line.split(' ', 2) if line else []
    if len(parts) >= 2 and parts[0] == 'SIP/2.0' and parts[1].isdigit() and len(parts[1]) == 3:
        return int(parts[1])
    return None


def headers_of(datagram):
    """The header fields of a SIP message: {lower-case long name: [values in order]}; compact names read as
    their long forms."""
    text = datagram.decode('iso-8859-1')
    head = text.split('\r\n\r\n', 1)[0].split('\r\n')[1:]
    headers = {}
    for line in head:
        name, colon, value = line.partition(':')
        if colon:
            key = name.strip().lower()
            headers.setdefault(COMPACT.get(key, key), []).append(value.strip())
    return headers


def ok_for(datagram, tag='counter'):
    """The 200 OK answering a SIP request, copying Via, From, To (tagged), Call-ID and CSeq as RFC 3261
    8.2.6 asks; None when the datagram is not a request with those headers (a response, say)."""
    line = start_line(datagram)
    if line is None or not line.endswith(' SIP/2.0') or status_of(datagram) is not None:
        return None
    headers = headers_of(datagram)
    if any(name not in headers for name in COPIED):
        return None
    to = headers['to'][0] if ';tag=' in headers['to'][0].lower() else headers['to'][0] + ';tag=' + tag
    lines = ['SIP/2.0 200 OK'] + ['Via: ' + via for via in headers['via']]
    lines += ['From: ' + headers['from'][0], 'To: ' + to, 'Call-ID: ' + headers['call-id'][0],
              'CSeq: ' + headers['cseq'][0], 'Content-Length: 0']
    return ('\r\n'.join(lines) + '\r\n\r\n').encode('ascii', 'replace')


def count_answer(counts, datagram):
    """Adds one answer to `counts` by its status ('503', '200', ... or 'unreadable'), noting the last
    Retry-After seen (what the 503s ask the sender to wait)."""
    status = status_of(datagram)
    key = str(status) if status else 'unreadable'
    counts['answers'][key] = counts['answers'].get(key, 0) + 1
    retry = headers_of(datagram).get('retry-after')
    if retry:
        counts['retry_after'] = retry[0]


def drain(sock, counts, until):
    """Reads the answers that arrive before the monotonic time `until`."""
    while True:
        left = until - time.monotonic()
        if left <= 0:
            return
        ready, _, _ = select.select([sock], [], [], left)
        if ready:
            datagram = sock.recv(65535)
            count_answer(counts, datagram)
            if status_of(datagram) == 503:
                counts.setdefault('rejected_at', []).append(round(time.monotonic(), 4))


def run_load(server, method='INVITE', rate=50.0, seconds=5.0, bind='0.0.0.0', stop=()):
    """Sends `method` requests to `server` (host, port) at `rate` a second for `seconds` or until `stop` (a
    list) is not empty, paced against the clock (a late send does not shift the ones after it), and counts the
    answers, waiting GRACE_SECONDS after the last send for late ones. Returns {'sent', 'answers': {status: n},
    'retry_after', 'started', 'seconds', 'rejected_at'}: when the first request left, how long the sending
    lasted, and when each 503 came."""
    if rate <= 0 or seconds <= 0:
        raise ValueError('rate and seconds must be above 0, were %r and %r' % (rate, seconds))
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        sock.bind((bind, 0))
        sock.connect(server)
        local = (sock.getsockname()[0], sock.getsockname()[1])
        counts = {'sent': 0, 'answers': {}, 'retry_after': None, 'rejected_at': []}
        start = counts['started'] = time.monotonic()
        for seq in range(1, int(rate * seconds) + 1):
            drain(sock, counts, start + (seq - 1) / rate)
            if stop:
                break
            sock.send(request(method, server, local, seq))
            counts['sent'] += 1
        counts['seconds'] = counts['sent'] / rate
        drain(sock, counts, time.monotonic() + GRACE_SECONDS)
        return counts
    finally:
        sock.close()


def attack_datagrams(server, local):
    """(kind, bytes) of what the attacker sends the SIP port, in turn: bytes that are no SIP at all, an INVITE
    cut short, an INVITE without Call-ID, one whose CSeq names another method (RFC 3261 8.1.1.5), and one too
    large for a reply to fit a datagram (a Call-ID of 9000 bytes) but otherwise complete; the last two are
    requests a lenient server accepts."""
    invite = request('INVITE', server, local, 1, run='attack').decode('ascii')
    return [('not-sip', bytes(range(256)) * 2),
            ('cut', invite[:60].encode('ascii')),
            ('no-call-id', '\r\n'.join(line for line in invite.split('\r\n')
                                       if not line.startswith('Call-ID')).encode('ascii')),
            ('cseq-mismatch', invite.replace('CSeq: 1 INVITE', 'CSeq: 1 BYE').encode('ascii')),
            ('oversized', invite.replace('Call-ID: ', 'Call-ID: ' + 'y' * 9000).encode('ascii'))]


def run_attack(server, rate=100.0, seconds=5.0, kinds=None, stop=()):
    """Sends attack_datagrams (those of `kinds`, default all) in turn to `server` at `rate` a second for
    `seconds` or until `stop`, paced as run_load is; answers are read and counted by status. Returns {'sent':
    {kind: n}, 'answers', 'started', 'seconds'}."""
    if rate <= 0 or seconds <= 0:
        raise ValueError('rate and seconds must be above 0, were %r and %r' % (rate, seconds))
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        sock.connect(server)
        kinds = [(kind, d) for kind, d in attack_datagrams(server, sock.getsockname()) if kind in (kinds or [kind])]
        if not kinds:
            raise ValueError('no attack datagrams of the kinds asked for')
        counts = {'sent': {kind: 0 for kind, _ in kinds}, 'answers': {}, 'retry_after': None}
        start = counts['started'] = time.monotonic()
        for seq in range(int(rate * seconds)):
            drain(sock, counts, start + seq / rate)
            if stop:
                break
            kind, datagram = kinds[seq % len(kinds)]
            sock.send(datagram)
            counts['sent'][kind] += 1
        counts['seconds'] = sum(counts['sent'].values()) / rate
        drain(sock, counts, time.monotonic() + GRACE_SECONDS)
        return counts
    finally:
        sock.close()


class Counter:
    """The server side: counts the requests received by method and per second since the first, answering
    each request with 200 OK (responses and unreadable datagrams are counted, not answered)."""

    def __init__(self):
        self.requests = {}
        self.per_second = []
        self.arrivals = []
        self.ignored = 0
        self.first = None

    def receive(self, datagram, now):
        """Counts one datagram received at monotonic time `now`; returns the answer to send, or None."""
        answer = ok_for(datagram)
        if answer is None:
            self.ignored += 1
            return None
        method = start_line(datagram).split(' ', 1)[0]
        self.requests[method] = self.requests.get(method, 0) + 1
        self.first = now if self.first is None else self.first
        second = int(now - self.first)
        self.per_second.extend([0] * (second + 1 - len(self.per_second)))
        self.per_second[second] += 1
        self.arrivals.append(round(now, 4))
        return answer

    def summary(self):
        """Requests by method, per second since the first, each one's arrival time, and the datagrams ignored."""
        return {'requests': self.requests, 'per_second': self.per_second, 'arrivals': self.arrivals,
                'ignored': self.ignored}


def serve(port, seconds, bind='0.0.0.0'):
    """Runs a Counter on UDP `port` for `seconds` (forever when None) or until SIGTERM; returns its summary."""
    counter = Counter()
    stop = []
    signal.signal(signal.SIGTERM, lambda *_: stop.append(True))
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        sock.bind((bind, port))
        end = None if seconds is None else time.monotonic() + seconds
        while not stop and (end is None or time.monotonic() < end):
            ready, _, _ = select.select([sock], [], [], 0.2)
            if ready:
                datagram, sender = sock.recvfrom(65535)
                answer = counter.receive(datagram, time.monotonic())
                if answer is not None:
                    sock.sendto(answer, sender)
        return counter.summary()
    finally:
        sock.close()


def main(argv=None):
    parser = argparse.ArgumentParser(description='SIP load generator, counting server and attacker')
    sub = parser.add_subparsers(dest='mode', required=True)
    load = sub.add_parser('load', help='send requests at a rate and count the answers')
    load.add_argument('--method', choices=('INVITE', 'REGISTER'), default='INVITE')
    attack = sub.add_parser('attack', help='send the SIP port malformed and non-SIP datagrams at a rate')
    attack.add_argument('--kinds', help='the kinds to send, comma-separated (default all)')
    for sender in (load, attack):
        sender.add_argument('--server', required=True)
        sender.add_argument('--port', type=int, default=5060)
        sender.add_argument('--rate', type=float, default=50.0)
        sender.add_argument('--seconds', type=float, default=5.0)
    srv = sub.add_parser('serve', help='count the requests received, answering 200 OK')
    srv.add_argument('--port', type=int, default=5060)
    srv.add_argument('--seconds', type=float, default=None)
    args = parser.parse_args(argv)
    stop = []
    if args.mode == 'serve':
        result = serve(args.port, args.seconds)
    else:
        signal.signal(signal.SIGTERM, lambda *_: stop.append(True))
        if args.mode == 'load':
            result = run_load((args.server, args.port), args.method, args.rate, args.seconds, stop=stop)
        else:
            kinds = args.kinds.split(',') if args.kinds else None
            result = run_attack((args.server, args.port), args.rate, args.seconds, kinds, stop=stop)
    json.dump(result, sys.stdout)
    sys.stdout.write('\n')
    return 0


if __name__ == '__main__':
    sys.exit(main())
